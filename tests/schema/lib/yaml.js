// Parses YAML the way `kubectl apply -f` does. kubectl reads manifests with sigs.k8s.io/yaml, which resolves plain
// (unquoted) scalars with go-yaml v2's YAML 1.1 rules: `yes`, `on` and `y` are booleans, and `0o17`, `1_000` and `08`
// are numbers. That differs from YAML 1.2 (and from the `yaml` package's own 1.1 schema), so a manifest can look right
// to a 1.2 parser and still be rejected by the cluster, for example `value: yes` in an env var. The rules below
// follow go-yaml v2's resolve(); quoted and block scalars are always strings.

import { parseAllDocuments } from 'yaml';

const KEYWORDS = new Map([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((s) => [s, true]),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((s) => [s, false]),
  ...['', '~', 'null', 'Null', 'NULL'].map((s) => [s, null]),
  ...['.nan', '.NaN', '.NAN'].map((s) => [s, NaN]),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((s) => [s, Infinity]),
  ...['-.inf', '-.Inf', '-.INF'].map((s) => [s, -Infinity]),
]);

// Go's strconv.ParseInt(s, 0, 64) syntax (underscores are removed first, as go-yaml does).
const GO_INT = /^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[1-9][0-9]*|0)$/;
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const LEADING_DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;

/** What go-yaml v2 makes of a plain scalar: a boolean, null, a number, or the string itself. */
export function resolvePlainScalar(text) {
  if (KEYWORDS.has(text)) return KEYWORDS.get(text);
  const first = text[0];
  if (first === '.') return LEADING_DOT_FLOAT.test(text) ? Number(text) : text;
  if (!/[-+0-9]/.test(first)) return text;
  // A timestamp-looking value ("2024-01-02") stays a string when decoded into JSON; no number starts that way either.
  const plain = text.replace(/_/g, '');
  if (GO_INT.test(plain)) return parseGoInt(plain);
  if (YAML_STYLE_FLOAT.test(plain)) return Number(plain);
  return text;
}

function parseGoInt(plain) {
  const sign = plain[0] === '-' ? -1 : 1;
  const digits = plain.replace(/^[-+]/, '');
  // Number() knows 0x/0o/0b but not a leading-zero octal such as 0755.
  const magnitude = /^0[0-7]+$/.test(digits) ? parseInt(digits, 8) : Number(digits.replace(/^0([XOB])/, (_, p) => `0${p.toLowerCase()}`));
  return sign * magnitude;
}

const typeOf = (value) => (value === null ? 'null' : typeof value);
const plainScalarTag = (tag, type) => ({
  tag,
  default: true,
  test: { test: (text) => typeOf(resolvePlainScalar(text)) === type },
  resolve: (text) => resolvePlainScalar(text),
});

const OPTIONS = {
  // failsafe has only map, seq and str; every plain-scalar type comes from go-yaml's rules above.
  schema: 'failsafe',
  customTags: [
    plainScalarTag('tag:yaml.org,2002:null', 'null'),
    plainScalarTag('tag:yaml.org,2002:bool', 'boolean'),
    plainScalarTag('tag:yaml.org,2002:float', 'number'),
  ],
  merge: true,
  uniqueKeys: true,
};

/** Parses a YAML stream into [{ value } | { error }], one per non-empty document (a trailing '---' adds none). */
export function parseDocuments(text) {
  return parseAllDocuments(text, OPTIONS).flatMap((document) => {
    if (document.errors.length > 0) return [{ error: `YAML: ${document.errors[0].message.split('\n')[0]}` }];
    const value = document.toJS({ maxAliasCount: 100 });
    return value == null ? [] : [{ value }];
  });
}
