// Validates one Kubernetes API object against the upstream OpenAPI schema that kubernetes-models ships as
// precompiled validators, plus a strict pass that rejects fields the schema does not declare.
//
// kubernetes-models' validators accept unknown fields (the generated schemas carry no additionalProperties: false),
// and the package exposes no JSON schema to walk. But each generated validator reads every property its schema
// declares (`void 0 !== data.replicas && ...`) and enumerates the keys of map-typed objects (`for (key in data)`).
// So we hand it a Proxy that records those reads: any own key of an object that the validator neither read nor
// reached through enumeration is a field the schema does not know. Objects whose schema declares no properties at
// all (free-form, e.g. RawExtension or x-kubernetes-preserve-unknown-fields) are never read and so stay unchecked,
// exactly as the API server would treat them.

const API_VERSION = /^(?:[a-z0-9]([-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?v[0-9]+(?:(?:alpha|beta)[0-9]+)?$/;
const KIND = /^[A-Z][A-Za-z0-9]*$/;

const modelCache = new Map();

/**
 * Finds the kubernetes-models class for an apiVersion/kind, e.g. apps/v1 Deployment ->
 * kubernetes-models/apps/v1/Deployment, v1 Service -> kubernetes-models/v1/Service, gateway.networking.k8s.io/v1
 * HTTPRoute -> @kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute.
 * Returns undefined when the package has no such top-level API type.
 */
export async function loadModel(apiVersion, kind) {
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  // The pattern check keeps document content from steering the import anywhere outside the package.
  if (!API_VERSION.test(apiVersion) || !KIND.test(kind)) return undefined;
  // Gateway API objects (HTTPRoute) come from its own package of the same generator.
  const specifier = apiVersion.startsWith('gateway.networking.k8s.io/')
    ? `@kubernetes-models/gateway-api/${apiVersion}/${kind}`
    : `kubernetes-models/${apiVersion}/${kind}`;
  if (!modelCache.has(specifier)) {
    modelCache.set(specifier, import(specifier).then(
      (module) => {
        const model = module[kind];
        // Nested types (apps/v1/DeploymentSpec) are modules too; only top-level objects carry apiVersion/kind.
        return model && model.apiVersion === apiVersion && model.kind === kind ? model : undefined;
      },
      (error) => {
        if (error.code === 'ERR_MODULE_NOT_FOUND' || error.code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') return undefined;
        throw error;
      }));
  }
  return modelCache.get(specifier);
}

/**
 * Validates a parsed document with its model. With `partial` (a strategic-merge patch) missing required fields and
 * patch directives ($patch, $setElementOrder/...) are allowed. Returns { errors, isStructured }: errors is a list of
 * { path, message } where path is a JSON pointer ("/spec/template/spec/containers/0/ports/0/containerPort"), empty
 * when the document is valid; isStructured(pointer) tells whether the schema declares the fields of the object
 * there (false for maps such as labels or ConfigMap data, and for free-form objects).
 */
export function validateWithModel(model, document, { partial = false } = {}) {
  const tracker = new ReadTracker();
  const errors = [];
  try {
    // The model's validate() runs the generated validator on `this`; calling it on the proxy avoids the model
    // constructor, which copies the data and would hide the reads from us.
    model.prototype.validate.call(tracker.wrap(document, ''));
  } catch (error) {
    if (!Array.isArray(error.errors)) throw error;
    for (const e of error.errors) {
      if (!(partial && e.keyword === 'required')) errors.push({ path: e.instancePath, message: describe(e) });
    }
  }
  for (const unknown of tracker.unknownFields()) {
    if (partial && unknown.slice(unknown.lastIndexOf('/') + 1).startsWith('$')) continue;
    errors.push({ path: unknown, message: 'unknown field (not declared in the Kubernetes OpenAPI schema)' });
  }
  return { errors: dedupe(errors), isStructured: (pointer) => tracker.isStructured(pointer) };
}

function describe(error) {
  switch (error.keyword) {
    case 'required': return `missing required field "${error.params.missingProperty}"`;
    case 'enum': return `must be one of ${error.params.allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'format': return `must match format "${error.params.format}"`;
    default: return error.message ?? error.keyword;
  }
}

function dedupe(errors) {
  const seen = new Set();
  return errors.filter((e) => {
    const key = `${e.path}\u0000${e.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

class ReadTracker {
  #objects = new Map(); // JSON pointer -> entry, for objects (not arrays)

  wrap(value, pointer) {
    if (value === null || typeof value !== 'object') return value;
    const entry = { pointer, value, read: new Set(), enumerated: false, children: new Map() };
    if (!Array.isArray(value)) this.#objects.set(pointer, entry);
    const tracker = this;
    // One proxy per child, reused on every read, so that validators run several times over the same value
    // (oneOf/anyOf branches) add to one set of reads instead of each seeing a fresh object.
    const child = (key) => {
      if (!entry.children.has(key)) entry.children.set(key, tracker.wrap(value[key], `${pointer}/${escape(key)}`));
      return entry.children.get(key);
    };
    return new Proxy(value, {
      get(target, key, receiver) {
        if (typeof key !== 'string') return Reflect.get(target, key, receiver);
        // Reads of absent fields count too: they are what tells a declared-but-empty object from a free-form one.
        entry.read.add(key);
        return Object.hasOwn(target, key) ? child(key) : Reflect.get(target, key, receiver);
      },
      has(target, key) {
        if (typeof key === 'string') entry.read.add(key);
        return Reflect.has(target, key);
      },
      ownKeys(target) {
        // Only map-typed schemas (labels, resources.limits, ...) enumerate keys; every key of a map is allowed.
        entry.enumerated = true;
        return Reflect.ownKeys(target);
      },
    });
  }

  isStructured(pointer) {
    const entry = this.#objects.get(pointer);
    return entry !== undefined && !entry.enumerated && entry.read.size > 0;
  }

  *unknownFields() {
    for (const { pointer, value, read, enumerated } of this.#objects.values()) {
      if (enumerated || read.size === 0) continue;
      for (const key of Object.keys(value)) {
        if (!read.has(key)) yield `${pointer}/${escape(key)}`;
      }
    }
  }
}

function escape(key) {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Turns a JSON pointer into the dotted form people read: /spec/containers/0/image -> spec.containers[0].image. */
export function formatPath(pointer) {
  if (!pointer) return '(root)';
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, s) => /^\d+$/.test(s) ? `${acc}[${s}]`
      : /^[A-Za-z_$][\w$-]*$/.test(s) ? (acc ? `${acc}.${s}` : s)
      : `${acc}[${JSON.stringify(s)}]`, '');
}
