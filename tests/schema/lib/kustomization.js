// Kustomization files are kustomize's input, not API objects, so there is no OpenAPI schema for them. What breaks an
// overlay in practice is a misspelt key or a path that does not exist, so that is what is checked.

import fs from 'node:fs';
import path from 'node:path';

const KINDS = {
  Kustomization: 'kustomize.config.k8s.io/v1beta1',
  Component: 'kustomize.config.k8s.io/v1alpha1',
};

// Top-level fields of kustomize's types.Kustomization; anything else is a typo kustomize would reject.
const KNOWN_FIELDS = new Set([
  'apiVersion', 'kind', 'metadata', 'openapi', 'namePrefix', 'nameSuffix', 'namespace', 'commonLabels', 'labels',
  'commonAnnotations', 'patchesStrategicMerge', 'patchesJson6902', 'patches', 'images', 'replacements', 'replicas',
  'vars', 'configMapGenerator', 'secretGenerator', 'generatorOptions', 'resources', 'components', 'crds',
  'generators', 'transformers', 'validators', 'helmCharts', 'helmGlobals', 'sortOptions', 'buildMetadata',
  'configurations',
]);

const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** True when the document is a kustomize Kustomization or Component rather than an API object. */
export function isKustomization(document) {
  return document?.kind === 'Kustomization'
    || (typeof document?.apiVersion === 'string' && document.apiVersion.startsWith('kustomize.config.k8s.io/'));
}

/** Checks a Kustomization document read from `file`; returns [{ path, message }] with JSON-pointer paths. */
export function checkKustomization(document, file) {
  const errors = [];
  const report = (pointer, message) => errors.push({ path: pointer, message });
  const dir = path.dirname(file);

  const expectedApiVersion = KINDS[document.kind];
  if (!expectedApiVersion) report('/kind', `must be one of ${Object.keys(KINDS).map((k) => `"${k}"`).join(', ')}`);
  else if (document.apiVersion !== expectedApiVersion) report('/apiVersion', `must be "${expectedApiVersion}" for kind ${document.kind}`);

  for (const key of Object.keys(document)) {
    if (!KNOWN_FIELDS.has(key)) report(`/${key}`, 'unknown field (not a Kustomization field)');
  }
  if (!['resources', 'components', 'patches'].some((key) => key in document)) {
    report('', 'must have at least one of "resources", "components" or "patches"');
  }

  for (const key of ['resources', 'components', 'crds']) {
    const entries = document[key];
    if (entries == null) continue;
    if (!isStringArray(entries)) { report(`/${key}`, 'must be a list of strings'); continue; }
    entries.forEach((entry, i) => {
      const problem = pathProblem(dir, entry, key !== 'crds');
      if (problem) report(`/${key}/${i}`, problem);
    });
  }

  if (document.patches != null) {
    if (!Array.isArray(document.patches)) report('/patches', 'must be a list');
    else document.patches.forEach((patch, i) => checkPatch(patch, `/patches/${i}`, dir, report));
  }

  if (document.patchesStrategicMerge != null) {
    if (!isStringArray(document.patchesStrategicMerge)) report('/patchesStrategicMerge', 'must be a list of strings');
    else document.patchesStrategicMerge.forEach((entry, i) => {
      // An entry is either a file or an inline patch; inline ones span lines.
      const problem = entry.includes('\n') ? undefined : pathProblem(dir, entry, false);
      if (problem) report(`/patchesStrategicMerge/${i}`, problem);
    });
  }

  if (document.patchesJson6902 != null) {
    if (!Array.isArray(document.patchesJson6902)) report('/patchesJson6902', 'must be a list');
    else document.patchesJson6902.forEach((patch, i) => checkPatch(patch, `/patchesJson6902/${i}`, dir, report));
  }

  for (const key of ['configMapGenerator', 'secretGenerator']) {
    const generators = document[key];
    if (generators == null) continue;
    if (!Array.isArray(generators)) { report(`/${key}`, 'must be a list'); continue; }
    generators.forEach((generator, i) => checkGenerator(generator, `/${key}/${i}`, dir, report));
  }
  return errors;
}

/**
 * The patches a Kustomization applies: files (absolute paths, from patches[].path, patchesStrategicMerge and
 * patchesJson6902[].path) and inline ones ({ pointer, text }), so they can be validated as partial objects.
 */
export function patchReferences(document, file) {
  const dir = path.dirname(file);
  const files = [];
  const inline = [];
  const addFile = (entry) => { if (typeof entry === 'string') files.push(path.resolve(dir, entry)); };
  (Array.isArray(document.patches) ? document.patches : []).forEach((patch, i) => {
    if (typeof patch?.path === 'string') addFile(patch.path);
    else if (typeof patch?.patch === 'string') inline.push({ pointer: `/patches/${i}/patch`, text: patch.patch });
  });
  (Array.isArray(document.patchesStrategicMerge) ? document.patchesStrategicMerge : []).forEach((entry, i) => {
    if (typeof entry !== 'string') return;
    if (entry.includes('\n')) inline.push({ pointer: `/patchesStrategicMerge/${i}`, text: entry });
    else addFile(entry);
  });
  (Array.isArray(document.patchesJson6902) ? document.patchesJson6902 : []).forEach((patch) => addFile(patch?.path));
  return { files, inline };
}

function checkPatch(patch, pointer, dir, report) {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) { report(pointer, 'must be an object'); return; }
  const hasPath = 'path' in patch;
  const hasInline = 'patch' in patch;
  if (hasPath === hasInline) { report(pointer, 'must have exactly one of "path" or "patch"'); return; }
  if (hasPath) {
    if (typeof patch.path !== 'string') report(`${pointer}/path`, 'must be a string');
    else {
      const problem = pathProblem(dir, patch.path, false);
      if (problem) report(`${pointer}/path`, problem);
    }
  } else if (typeof patch.patch !== 'string') {
    report(`${pointer}/patch`, 'must be a string');
  }
  if (patch.target != null && (typeof patch.target !== 'object' || Array.isArray(patch.target))) {
    report(`${pointer}/target`, 'must be an object');
  }
}

function checkGenerator(generator, pointer, dir, report) {
  if (generator === null || typeof generator !== 'object' || Array.isArray(generator)) { report(pointer, 'must be an object'); return; }
  if (typeof generator.name !== 'string') report(`${pointer}/name`, 'must be a string');
  for (const key of ['files', 'envs']) {
    const entries = generator[key];
    if (entries == null) continue;
    if (!isStringArray(entries)) { report(`${pointer}/${key}`, 'must be a list of strings'); continue; }
    entries.forEach((entry, i) => {
      // files entries may be "key=path".
      const file = key === 'files' && entry.includes('=') ? entry.slice(entry.indexOf('=') + 1) : entry;
      const problem = pathProblem(dir, file, false);
      if (problem) report(`${pointer}/${key}/${i}`, problem);
    });
  }
}

function pathProblem(dir, entry, directoryAllowed) {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(entry) || /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(entry)) {
    return `"${entry}" is remote and cannot be checked; generated overlays must reference local files`;
  }
  const target = path.resolve(dir, entry);
  let stat;
  try {
    stat = fs.statSync(target);
  } catch {
    return `"${entry}" does not exist (relative to ${dir})`;
  }
  if (stat.isDirectory()) {
    if (!directoryAllowed) return `"${entry}" is a directory, expected a file`;
    if (!KUSTOMIZATION_FILE_NAMES.some((name) => fs.existsSync(path.join(target, name)))) {
      return `"${entry}" is a directory without a kustomization.yaml`;
    }
  }
  return undefined;
}

function isStringArray(value) {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

const JSON_PATCH_OPS = { add: ['value'], remove: [], replace: ['value'], move: ['from'], copy: ['from'], test: ['value'] };

/** Checks an RFC 6902 JSON patch (a list of operations); returns [{ path, message }] with JSON-pointer paths. */
export function checkJsonPatch(operations) {
  const errors = [];
  operations.forEach((operation, i) => {
    const pointer = `/${i}`;
    if (operation === null || typeof operation !== 'object' || Array.isArray(operation)) {
      errors.push({ path: pointer, message: 'must be an object' });
      return;
    }
    const required = JSON_PATCH_OPS[operation.op];
    if (!required) {
      errors.push({ path: `${pointer}/op`, message: `must be one of ${Object.keys(JSON_PATCH_OPS).map((o) => `"${o}"`).join(', ')}` });
      return;
    }
    for (const key of ['path', ...required.filter((k) => k === 'from')]) {
      if (typeof operation[key] !== 'string' || !(operation[key] === '' || operation[key].startsWith('/'))) {
        errors.push({ path: `${pointer}/${key}`, message: 'must be a JSON pointer such as "/spec/replicas"' });
      }
    }
    if (required.includes('value') && !('value' in operation)) {
      errors.push({ path: pointer, message: `missing required field "value" for op "${operation.op}"` });
    }
    for (const key of Object.keys(operation)) {
      if (!['op', 'path', ...required].includes(key)) errors.push({ path: `${pointer}/${key}`, message: 'unknown field' });
    }
  });
  return errors;
}
