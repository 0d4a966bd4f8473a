#!/usr/bin/env node
// Validates Kubernetes manifests (and the kustomization files that tie them together) against the upstream
// Kubernetes OpenAPI schema, strictly. See README.md for what is and is not checked.
//
//   node validate.js [--json] <file-or-dir>...
//
// Exit code: 0 when every document passes, 1 when any fails, 2 on a usage error.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModel, validateWithModel, formatPath } from './lib/schema.js';
import { checkRules } from './lib/rules.js';
import { parseDocuments } from './lib/yaml.js';
import { checkJsonPatch, checkKustomization, isKustomization, patchReferences } from './lib/kustomization.js';

const USAGE = 'usage: node validate.js [--json] <file-or-dir>...\n'
  + '  Validates every document in the given YAML files, and in *.yaml/*.yml under the given directories.';

/**
 * Validates files and directories. Returns one result per document:
 * { file, kind, name, errors: [{ path, message }] } where path is a JSON pointer; no errors means the document passed.
 * A file that a Kustomization among the inputs names as a patch is validated as a partial object.
 */
export async function validatePaths(inputs) {
  const results = [];
  const files = [];
  for (const input of inputs) {
    if (fs.statSync(input).isDirectory()) {
      const found = findYamlFiles(input);
      if (found.length === 0) results.push(failure(input, 'no *.yaml or *.yml files found'));
      files.push(...found);
    } else {
      files.push(input);
    }
  }

  const parsed = files.map((file) => ({ file, documents: parseDocuments(fs.readFileSync(file, 'utf8')) }));
  const patchFiles = new Set();
  for (const { file, documents } of parsed) {
    for (const { value } of documents) {
      if (isMapping(value) && isKustomization(value)) patchReferences(value, file).files.forEach((f) => patchFiles.add(f));
    }
  }

  for (const { file, documents } of parsed) {
    const isPatch = patchFiles.has(path.resolve(file));
    const before = results.length;
    for (const { value, error } of documents) {
      if (error) results.push(failure(file, error));
      else results.push(await validateDocument(value, file, isPatch));
    }
    // A file that yields nothing would otherwise pass silently.
    if (results.length === before) results.push(failure(file, 'no documents'));
  }
  return results;
}

async function validateDocument(value, file, isPatch) {
  if (isPatch && Array.isArray(value)) return { file, kind: 'JSONPatch', name: '-', errors: checkJsonPatch(value) };
  if (!isMapping(value)) return failure(file, 'document must be a mapping');
  const kind = typeof value.kind === 'string' ? value.kind : '?';
  const name = typeof value.metadata?.name === 'string' ? value.metadata.name : '-';
  const result = (errors) => ({ file, kind, name, errors });

  if (isKustomization(value)) {
    const errors = checkKustomization(value, file);
    for (const { pointer, text } of patchReferences(value, file).inline) {
      for (const parsed of parseDocuments(text)) {
        const patchErrors = parsed.error ? [{ path: '', message: parsed.error }] : await validateObject(parsed.value, true);
        errors.push(...patchErrors.map((e) => ({ path: pointer + e.path, message: e.message })));
      }
    }
    return result(errors);
  }
  return result(await validateObject(value, isPatch));
}

// Validates an API object, or with `partial` a strategic-merge or JSON patch of one.
async function validateObject(value, partial) {
  if (partial && Array.isArray(value)) return checkJsonPatch(value);
  if (!isMapping(value)) return [{ path: '', message: 'must be a mapping' }];
  const model = await loadModel(value.apiVersion, value.kind);
  if (!model) {
    return [{
      path: '',
      message: `unknown apiVersion/kind ${JSON.stringify(value.apiVersion ?? null)} ${JSON.stringify(value.kind ?? null)}`
        + ' (no schema for it in kubernetes-models)',
    }];
  }
  const { errors, isStructured } = validateWithModel(model, value, { partial });
  return [...errors, ...checkRules(value, isStructured, { partial })];
}

function isMapping(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function failure(file, message) {
  return { file, kind: '?', name: '-', errors: [{ path: '', message }] };
}

function findYamlFiles(dir) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) found.push(...findYamlFiles(full));
    } else if (/\.ya?ml$/i.test(entry.name)) {
      found.push(full);
    }
  }
  return found;
}

function describeErrors(errors) {
  return errors.map((e) => (e.path ? `${formatPath(e.path)}: ${e.message}` : e.message)).join('; ');
}

async function main(argv) {
  const json = argv.includes('--json');
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const options = argv.filter((a) => a.startsWith('-'));
  const inputs = argv.filter((a) => !a.startsWith('-'));
  const badOption = options.find((o) => o !== '--json');
  const missing = inputs.find((i) => !fs.existsSync(i));
  if (badOption || inputs.length === 0 || missing) {
    if (badOption) console.error(`unknown option: ${badOption}`);
    if (missing) console.error(`no such file or directory: ${missing}`);
    console.error(USAGE);
    return 2;
  }

  const results = await validatePaths(inputs);
  const failed = results.filter((r) => r.errors.length > 0).length;
  if (json) {
    console.log(JSON.stringify({
      ok: failed === 0,
      documents: results.map((r) => ({
        file: r.file,
        kind: r.kind,
        name: r.name,
        ok: r.errors.length === 0,
        errors: r.errors.map((e) => ({ path: formatPath(e.path), message: e.message })),
      })),
    }, null, 2));
  } else {
    for (const r of results) {
      console.log(r.errors.length === 0 ? `OK ${r.file} ${r.kind}/${r.name}` : `FAIL ${r.file} ${r.kind}/${r.name}: ${describeErrors(r.errors)}`);
    }
    // stderr, and not in the "N passed, N failed" shape, so a CI log reader does not take it for a test runner's summary.
    console.error(`schema: ${results.length} documents checked, ${failed} invalid`);
  }
  return failed === 0 ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
