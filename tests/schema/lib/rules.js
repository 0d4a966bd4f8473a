// A few API-server validation rules that the OpenAPI schema does not carry (it says "int32", not "1-65535"), chosen
// because a generator gets them wrong in ways the schema pass cannot see and `kubectl apply` would then reject.
// Each rule mirrors k8s.io/apimachinery/pkg/util/validation or the API type's validation; nothing else is checked.

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const IANA_SVC_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

// Fields holding a port number. 0 is accepted where Kubernetes reads it as "not set" (hostPort, nodePort) or
// defaults it (targetPort 0 becomes port).
const PORT_FIELDS = { port: 1, containerPort: 1, targetPort: 0, hostPort: 0, nodePort: 0, endPort: 1 };
const NAMED_PORT_FIELDS = new Set(['port', 'targetPort']);
const CONTAINER_LISTS = new Set(['containers', 'initContainers', 'ephemeralContainers']);
const WORKLOADS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet']);

/**
 * Returns [{ path, message }] (path is a JSON pointer) for the rules below; empty when all hold.
 * `isStructured(pointer)` tells whether the schema declares the fields of the object at pointer; field-name rules
 * skip the others (maps and free-form objects), so a ConfigMap key called "port" is not taken for a port.
 * With `partial` (a patch) only the field-level rules run: a patch need not carry a name or a whole object.
 */
export function checkRules(document, isStructured, { partial = false } = {}) {
  const errors = [];
  const report = (path, message) => errors.push({ path, message });

  walk(document, '', undefined, isStructured, report);
  if (partial) return errors;
  checkMetadata(document, report);

  const spec = document.spec ?? {};
  if (WORKLOADS.has(document.kind)) checkSelectorMatchesTemplate(spec, report);
  if (document.apiVersion === 'v1' && document.kind === 'Service') checkServicePorts(spec, report);
  if (document.kind === 'HorizontalPodAutoscaler'
      && Number.isInteger(spec.minReplicas) && Number.isInteger(spec.maxReplicas) && spec.minReplicas > spec.maxReplicas) {
    report('/spec/minReplicas', `must be less than or equal to maxReplicas (${spec.maxReplicas})`);
  }
  if (document.kind === 'PodDisruptionBudget' && spec.minAvailable != null && spec.maxUnavailable != null) {
    report('/spec', 'minAvailable and maxUnavailable cannot both be set');
  }
  return errors;
}

function checkMetadata(document, report) {
  const metadata = document.metadata;
  if (metadata == null || typeof metadata !== 'object') {
    report('/metadata', 'missing required field "metadata"');
    return;
  }
  const { name, namespace } = metadata;
  if (name == null) {
    if (metadata.generateName == null) report('/metadata', 'missing required field "name"');
  } else if (typeof name === 'string') {
    const problem = nameProblem(document, name);
    if (problem) report('/metadata/name', problem);
  }
  if (typeof namespace === 'string' && !isDns1123Label(namespace)) {
    report('/metadata/namespace', `"${namespace}" must be a DNS-1123 label (lowercase alphanumerics and '-', at most 63)`);
  }
}

function nameProblem(document, name) {
  const group = document.apiVersion?.includes('/') ? document.apiVersion.split('/')[0] : '';
  if (group === 'rbac.authorization.k8s.io') {
    // RBAC names are path segments ("system:auth-delegator" is valid).
    return name === '.' || name === '..' || /[/%]/.test(name) ? `"${name}" may not be '.', '..' or contain '/' or '%'` : undefined;
  }
  if (group === '' && document.kind === 'Service') {
    return name.length <= 63 && DNS1035_LABEL.test(name) ? undefined
      : `"${name}" must be a DNS-1035 label (lowercase alphanumerics and '-', starting with a letter, at most 63)`;
  }
  if (group === '' && document.kind === 'Namespace') {
    return isDns1123Label(name) ? undefined : `"${name}" must be a DNS-1123 label (lowercase alphanumerics and '-', at most 63)`;
  }
  return name.length <= 253 && DNS1123_SUBDOMAIN.test(name) ? undefined
    : `"${name}" must be a DNS-1123 subdomain (lowercase alphanumerics, '-' and '.', at most 253)`;
}

// Rules that apply wherever a field appears, keyed by field name.
function walk(value, pointer, parentKey, isStructured, report) {
  if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, `${pointer}/${i}`, parentKey, isStructured, report));
    return;
  }
  if (value === null || typeof value !== 'object' || !isStructured(pointer)) return;

  for (const [key, child] of Object.entries(value)) {
    const path = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (key in PORT_FIELDS && Number.isInteger(child)) {
      const min = PORT_FIELDS[key];
      if (child < min || child > 65535) report(path, `port ${child} must be between ${min} and 65535`);
    } else if (NAMED_PORT_FIELDS.has(key) && typeof child === 'string') {
      checkIanaServiceName(child, path, report);
    }
    if (key === 'number' && parentKey === 'port' && Number.isInteger(child) && (child < 1 || child > 65535)) {
      report(path, `port ${child} must be between 1 and 65535`);
    }
    if ((key === 'labels' && parentKey === 'metadata') || key === 'matchLabels') checkLabels(child, path, report);
    if (key === 'annotations' && parentKey === 'metadata') checkAnnotationKeys(child, path, report);
    if (CONTAINER_LISTS.has(key) && Array.isArray(child)) checkContainers(child, path, report);
    walk(child, path, key, isStructured, report);
  }
}

function checkContainers(containers, pointer, report) {
  containers.forEach((container, i) => {
    if (typeof container?.name === 'string' && !isDns1123Label(container.name)) {
      report(`${pointer}/${i}/name`, `"${container.name}" must be a DNS-1123 label (lowercase alphanumerics and '-', at most 63)`);
    }
    (Array.isArray(container?.ports) ? container.ports : []).forEach((port, j) => {
      if (typeof port?.name === 'string') checkIanaServiceName(port.name, `${pointer}/${i}/ports/${j}/name`, report);
    });
  });
}

function checkServicePorts(spec, report) {
  const ports = Array.isArray(spec.ports) ? spec.ports : [];
  ports.forEach((port, i) => {
    if (typeof port?.name === 'string' && !isDns1123Label(port.name)) {
      report(`/spec/ports/${i}/name`, `"${port.name}" must be a DNS-1123 label (lowercase alphanumerics and '-', at most 63)`);
    } else if (port?.name == null && ports.length > 1) {
      report(`/spec/ports/${i}/name`, 'is required when a Service has more than one port');
    }
  });
  if (spec.selector != null) checkLabels(spec.selector, '/spec/selector', report);
}

function checkSelectorMatchesTemplate(spec, report) {
  const selector = spec.selector?.matchLabels;
  const labels = spec.template?.metadata?.labels ?? {};
  if (selector == null || typeof selector !== 'object') return;
  for (const [key, value] of Object.entries(selector)) {
    if (labels[key] !== value) {
      report('/spec/selector/matchLabels', `selector does not match template labels (${key}=${value} not in spec.template.metadata.labels)`);
    }
  }
}

function checkLabels(labels, pointer, report) {
  if (labels === null || typeof labels !== 'object') return;
  for (const [key, value] of Object.entries(labels)) {
    const keyProblem = qualifiedNameProblem(key);
    if (keyProblem) report(pointer, `label key "${key}" ${keyProblem}`);
    if (typeof value === 'string' && value !== '' && !(value.length <= 63 && QUALIFIED_NAME.test(value))) {
      report(pointer, `label value "${value}" for "${key}" must be at most 63 characters of alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric`);
    }
  }
}

function checkAnnotationKeys(annotations, pointer, report) {
  if (annotations === null || typeof annotations !== 'object') return;
  for (const key of Object.keys(annotations)) {
    const problem = qualifiedNameProblem(key);
    if (problem) report(pointer, `annotation key "${key}" ${problem}`);
  }
}

function qualifiedNameProblem(key) {
  const parts = key.split('/');
  const name = parts.at(-1);
  if (parts.length > 2) return "may contain at most one '/'";
  if (parts.length === 2 && !(parts[0].length <= 253 && DNS1123_SUBDOMAIN.test(parts[0]))) return 'has a prefix that is not a DNS-1123 subdomain';
  if (!(name.length <= 63 && QUALIFIED_NAME.test(name))) return "must have a name part of at most 63 alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric";
  return undefined;
}

function checkIanaServiceName(name, pointer, report) {
  const ok = name.length <= 15 && IANA_SVC_NAME.test(name) && !name.includes('--') && /[a-z]/.test(name);
  if (!ok) {
    report(pointer, `port name "${name}" must be an IANA service name (at most 15 lowercase alphanumerics and '-', with a letter, no '--')`);
  }
}

function isDns1123Label(value) {
  return value.length <= 63 && DNS1123_LABEL.test(value);
}
