// Proves the validator passes good manifests and fails each kind of bad one. Run with `npm test` (node --test).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModel, validateWithModel } from './lib/schema.js';
import { parseDocuments, resolvePlainScalar } from './lib/yaml.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, 'fixtures');

function run(...args) {
  const result = spawnSync(process.execPath, [path.join(here, 'validate.js'), ...args], { cwd: fixtures, encoding: 'utf8' });
  return { code: result.status, lines: result.stdout.split('\n').filter(Boolean), stdout: result.stdout, stderr: result.stderr };
}

// Each invalid fixture (file, or directory holding an overlay) and what its FAIL line must say.
const invalid = {
  'deployment-replicas-string.yaml': 'spec.replicas: must be integer',
  'deployment-unknown-container-field.yaml': 'spec.template.spec.containers[0].readinesProbe: unknown field',
  'deployment-env-value-yaml11-boolean.yaml': 'spec.template.spec.containers[0].env[0].value: must be string',
  'deployment-selector-mismatch.yaml': 'spec.selector.matchLabels: selector does not match template labels',
  'deployment-port-name-too-long.yaml': 'spec.template.spec.containers[0].ports[0].name: port name "health-check-http"',
  'service-port-70000.yaml': 'spec.ports[0].port: port 70000 must be between 1 and 65535',
  'configmap-metadata-typo.yaml': 'metadata.lables: unknown field',
  'unknown-kind.yaml': 'unknown apiVersion/kind "apps/v1" "Deploymnet"',
  'kustomization-missing-file': 'resources[0]: "deployment.yaml" does not exist',
  'overlay-bad-patch': 'spec.replica: unknown field',
  'httproute-path-type-typo.yaml': 'spec.rules[0].matches[0].path.type: must be one of "Exact", "PathPrefix", "RegularExpression"',
};

test('every valid fixture passes, covering each kind ClusterReady emits', () => {
  const { code, lines } = run('valid');
  assert.equal(code, 0, lines.join('\n'));
  for (const line of lines) assert.match(line, /^OK valid\/\S+ \S+\/\S+$/);
  const kinds = new Set(lines.map((line) => line.split(' ')[2].split('/')[0]));
  for (const kind of ['Deployment', 'Service', 'ServiceAccount', 'PodDisruptionBudget', 'HorizontalPodAutoscaler',
    'Ingress', 'HTTPRoute', 'NetworkPolicy', 'ConfigMap', 'Secret', 'Kustomization']) {
    assert.ok(kinds.has(kind), `no ${kind} among the valid fixtures`);
  }
});

test('every invalid fixture has an expectation', () => {
  assert.deepEqual(fs.readdirSync(path.join(fixtures, 'invalid')).sort(), Object.keys(invalid).sort());
});

for (const [fixture, expected] of Object.entries(invalid)) {
  test(`invalid/${fixture} fails with: ${expected}`, () => {
    const { code, lines } = run(path.join('invalid', fixture));
    assert.equal(code, 1, lines.join('\n'));
    const failures = lines.filter((line) => line.startsWith('FAIL '));
    assert.equal(failures.length, 1, lines.join('\n'));
    assert.ok(failures[0].includes(expected), `expected "${expected}" in: ${failures[0]}`);
  });
}

test('a mixed run reports every document and exits 1', () => {
  const { code, lines, stderr } = run('valid', 'invalid');
  assert.equal(code, 1);
  assert.equal(lines.filter((line) => line.startsWith('FAIL ')).length, Object.keys(invalid).length);
  assert.ok(lines.filter((line) => line.startsWith('OK ')).length > 10);
  assert.match(stderr, new RegExp(`${lines.length} documents checked, ${Object.keys(invalid).length} invalid`));
});

test('--json reports field paths', () => {
  const { code, stdout } = run('--json', 'invalid/service-port-70000.yaml', 'valid/config.yaml');
  assert.equal(code, 1);
  const report = JSON.parse(stdout);
  assert.equal(report.ok, false);
  assert.deepEqual(report.documents.map((d) => [d.kind, d.ok]), [['Service', false], ['ConfigMap', true], ['Secret', true]]);
  assert.equal(report.documents[0].errors[0].path, 'spec.ports[0].port');
});

test('usage errors exit 2', () => {
  assert.equal(run().code, 2);
  assert.equal(run('--strict', 'valid').code, 2);
  assert.equal(run('no-such-dir').code, 2);
});

test('a directory or file with nothing to validate fails rather than passing silently', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-empty-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  assert.equal(run(dir).code, 1);
  fs.writeFileSync(path.join(dir, 'empty.yaml'), '---\n# nothing\n');
  const { code, lines } = run(dir);
  assert.equal(code, 1);
  assert.match(lines[0], /^FAIL .*empty\.yaml \?\/-: no documents$/);
});

test('an unknown field is caught in every object whose fields the schema declares', async () => {
  const text = fs.readFileSync(path.join(fixtures, 'valid', 'deployment.yaml'), 'utf8');
  const deployment = parseDocuments(text)[0].value;
  const model = await loadModel(deployment.apiVersion, deployment.kind);
  const { errors, isStructured } = validateWithModel(model, deployment);
  assert.deepEqual(errors, []);

  const objects = [];
  const collect = (value, pointer) => {
    if (value === null || typeof value !== 'object') return;
    if (!Array.isArray(value) && isStructured(pointer)) objects.push(pointer);
    for (const [key, child] of Object.entries(value)) collect(child, `${pointer}/${key}`);
  };
  collect(deployment, '');
  // Maps (labels, resources.limits) take any key; everything else in a Deployment is a declared type.
  assert.ok(objects.length >= 30, `only ${objects.length} structured objects found`);
  assert.ok(objects.includes('/spec/template/spec/containers/0/securityContext/capabilities'));
  assert.ok(!objects.includes('/metadata/labels'));

  for (const pointer of objects) {
    const mutated = structuredClone(deployment);
    const target = pointer.split('/').slice(1).reduce((node, key) => node[key], mutated);
    target.notAField = true;
    const result = validateWithModel(model, mutated);
    assert.deepEqual(result.errors.map((e) => e.path), [`${pointer}/notAField`], `at ${pointer || '/'}`);
  }
});

test('plain scalars resolve as kubectl (go-yaml v2) reads them', () => {
  // Expectations follow go-yaml v2's resolve(): its keyword table, then Go's ParseInt(s, 0, 64) and its float pattern.
  const expected = {
    yes: true, Y: true, On: true, off: false, n: false, True: true, tRUE: 'tRUE', '~': null, NULL: null,
    '0x1F': 31, '0o17': 15, '0755': 493, '08': 8, '0b101': 5, '-0b101': -5, '+1': 1, '1_000': 1000,
    '1e5': 100000, '1.': 1, '.5': 0.5, '.inf': Infinity, '-.inf': -Infinity,
    '1:20': '1:20', '2001-12-14': '2001-12-14', '1.2.3': '1.2.3', '_1': '_1', '+': '+', abc: 'abc',
  };
  for (const [text, value] of Object.entries(expected)) {
    assert.equal(resolvePlainScalar(text), value, `plain scalar ${JSON.stringify(text)}`);
  }
  assert.ok(Number.isNaN(resolvePlainScalar('.NaN')));

  const [{ value }] = parseDocuments('quoted: "yes"\nplain: yes\nblock: |\n  yes\non: 0o17\n');
  assert.deepEqual(value, { quoted: 'yes', plain: true, block: 'yes\n', true: 15 });
  assert.match(parseDocuments('a: 1\na: 2\n')[0].error, /unique/);
});
