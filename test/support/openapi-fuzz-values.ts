import fc from 'fast-check';

/** The subset of JSON Schema (2020-12, as @fastify/swagger emits it from zod) that the fuzzer reads. */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

// Kept small so a generated body stays cheap; boundaryValue covers the long ends.
const MAX_GENERATED_ITEMS = 4;
const MAX_GENERATED_CHARS = 40;
const EPOCH = new Date(0);
const YEAR_2100 = new Date('2100-01-01T00:00:00Z');

/**
 * A value for the schema as a careless or hostile client would send it:
 * mostly conforming, with any node sometimes swapped for a boundary value or
 * something of the wrong kind altogether. `conforming` turns the swaps off.
 */
export function fuzzValue(schema: JsonSchema, conforming = false): fc.Arbitrary<unknown> {
  const good = conformingValue(schema, conforming);
  if (conforming) return good;
  return fc.oneof({ arbitrary: good, weight: 12 }, { arbitrary: boundaryValue(schema), weight: 3 }, { arbitrary: hostileValue(), weight: 1 });
}

/** A value the schema accepts (as far as this reading of the schema goes; zod may still refine it). */
function conformingValue(s: JsonSchema, conforming: boolean): fc.Arbitrary<unknown> {
  const child = (c: JsonSchema) => fuzzValue(c, conforming);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map(child));
  if (s.allOf?.length) return child(s.allOf[0]!);
  if (Array.isArray(s.type)) return fc.oneof(...s.type.map((type) => child({ ...s, type })));
  switch (s.type) {
    case 'string':
      return conformingString(s);
    case 'integer':
      return fc.bigInt({ min: BigInt(lowerBound(s, true)), max: BigInt(upperBound(s, true)) }).map(Number);
    case 'number':
      return fc.double({ min: lowerBound(s, false), max: upperBound(s, false), noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(child(s.items ?? {}), { minLength: s.minItems ?? 0, maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? MAX_GENERATED_ITEMS, MAX_GENERATED_ITEMS)) });
    case 'object':
      return conformingObject(s, child);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function conformingString(s: JsonSchema): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? Math.max(min, MAX_GENERATED_CHARS);
  const fits = (v: string) => v.length >= min && v.length <= max;
  if (s.pattern) return fc.stringMatching(new RegExp(s.pattern)).filter(fits);
  if (s.format === 'email') return fc.emailAddress().filter(fits);
  if (s.format === 'date-time') return fc.date({ min: EPOCH, max: YEAR_2100, noInvalidDate: true }).map((d) => d.toISOString());
  if (s.format === 'date') return fc.date({ min: EPOCH, max: YEAR_2100, noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const maxLength = Math.max(min, Math.min(max, MAX_GENERATED_CHARS));
  return fc.oneof(
    fc.string({ minLength: min, maxLength }),
    fc.string({ minLength: min, maxLength, unit: 'grapheme' }),
    fc.string({ minLength: min, maxLength, unit: 'binary' }),
  ).filter(fits);
}

function conformingObject(s: JsonSchema, child: (c: JsonSchema) => fc.Arbitrary<unknown>): fc.Arbitrary<Record<string, unknown>> {
  const props = s.properties ?? {};
  const model = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, child(v)]));
  const record = fc.record(model, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
  if (typeof s.additionalProperties === 'object') {
    const extra = fc.dictionary(fc.string({ maxLength: 12 }), child(s.additionalProperties), { maxKeys: 3 });
    return fc.tuple(extra, record).map(([e, r]) => ({ ...e, ...r }));
  }
  return record as fc.Arbitrary<Record<string, unknown>>;
}

const lowerBound = (s: JsonSchema, integer: boolean) =>
  Math.max(s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + (integer ? 1 : Number.EPSILON) : -Number.MAX_SAFE_INTEGER), -Number.MAX_SAFE_INTEGER);
const upperBound = (s: JsonSchema, integer: boolean) =>
  Math.min(s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - (integer ? 1 : Number.EPSILON) : Number.MAX_SAFE_INTEGER), Number.MAX_SAFE_INTEGER);

/** The edges of what the schema allows, and one step past them. */
export function boundaryValue(s: JsonSchema): fc.Arbitrary<unknown> {
  const types = Array.isArray(s.type) ? s.type : [s.type];
  if (s.enum) {
    const texts = s.enum.filter((v): v is string => typeof v === 'string');
    return fc.constantFrom('', ...texts.flatMap((v) => [v.toUpperCase(), ` ${v}`, `${v}\u0000`, `${v},${v}`]));
  }
  const alternatives = (s.anyOf ?? s.oneOf)?.filter((a) => a.type !== 'null');
  if (alternatives?.length) return fc.oneof(...alternatives.map(boundaryValue));
  if (types.includes('string')) return boundaryString(s);
  if (types.includes('integer') || types.includes('number')) return boundaryNumber(s);
  if (types.includes('array')) return boundaryArray(s);
  if (types.includes('object')) return boundaryObject(s);
  return hostileValue();
}

// Instants at and past the ends of what databases hold, impossible calendar values and near-miss formats.
const DATE_TIME_EDGES = [
  '0000-01-01T00:00:00Z',
  '0000-01-01T00:00:00+23:59',
  '0999-12-31T23:59:59Z',
  '1000-01-01T00:00:00+00:01',
  '1970-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '9999-12-31T23:59:59-23:59',
  '2026-12-31T23:59:59.123456789+08:00',
  '2028-02-29T12:00:00+08:00',
  '2026-02-29T00:00:00Z',
  '2026-13-01T00:00:00Z',
  '2026-01-01T24:00:00Z',
  '2026-01-01 00:00:00',
  '2026-01-01T00:00:00',
  '2026-01-01',
];
const DATE_EDGES = ['0000-01-01', '0000-02-29', '0999-12-31', '1000-01-01', '9999-12-31', '2028-02-29', '2026-02-29', '2026-13-01', '2026-1-1', '20260101', '2026-01-01T00:00:00Z'];
const EMAIL_EDGES = ['a@b.c', 'A@EXAMPLE.PH', `${'x'.repeat(64)}@example.ph`, `x@${'a'.repeat(250)}.ph`, '"quoted"@example.ph', 'user@[127.0.0.1]', 'user@localhost', 'user@', '@example.ph'];

/** Edges of a string field: its format's edges, or lengths at and past its limits in characters of one to four bytes. */
function boundaryString(s: JsonSchema): fc.Arbitrary<string> {
  if (s.format === 'date-time') return fc.constantFrom(...DATE_TIME_EDGES);
  if (s.format === 'date') return fc.constantFrom(...DATE_EDGES);
  if (s.format === 'email') return fc.constantFrom(...EMAIL_EDGES);
  const max = s.maxLength ?? 1000;
  const min = s.minLength ?? 0;
  return fc.constantFrom(
    '',
    ' ',
    ' '.repeat(Math.max(min, 1)),
    'x'.repeat(max),
    'x'.repeat(max + 1),
    '\t'.repeat(max),
    // Characters of several UTF-8 bytes, and emoji that are two UTF-16 units each.
    'é'.repeat(max),
    '\u{1F600}'.repeat(Math.ceil(max / 2)),
    '\u{1F600}'.repeat(max),
    min > 0 ? 'x'.repeat(min - 1) : 'x',
  );
}

function boundaryNumber(s: JsonSchema): fc.Arbitrary<number> {
  const edges = [s.minimum, s.maximum, s.exclusiveMinimum, s.exclusiveMaximum].filter((v): v is number => v !== undefined);
  return fc.constantFrom(
    ...edges.flatMap((e) => [e, e - 1, e + 1, e + 0.5]),
    0,
    -0,
    -1,
    0.1,
    2 ** 31 - 1,
    2 ** 31,
    2 ** 32,
    2 ** 53,
    -(2 ** 53),
    2 ** 63,
    1e21,
    -1e21,
    1.7976931348623157e308,
    5e-324,
  );
}

function boundaryArray(s: JsonSchema): fc.Arbitrary<unknown[]> {
  const item = fuzzValue(s.items ?? {}, true);
  const tooMany = (s.maxItems ?? 1000) + 1;
  return fc.oneof(
    fc.constant<unknown[]>([]),
    fc.array(item, { minLength: 1, maxLength: 1 }).map((one) => Array.from({ length: tooMany }, () => one[0])),
    fc.array(fuzzValue(s.items ?? {}), { maxLength: MAX_GENERATED_ITEMS }),
  );
}

function boundaryObject(s: JsonSchema): fc.Arbitrary<unknown> {
  const whole = fuzzValue(s, true) as fc.Arbitrary<Record<string, unknown>>;
  const keys = Object.keys(s.properties ?? {});
  return fc.oneof(
    fc.constant({}),
    // A required field left out.
    whole.chain((o) => (keys.length ? fc.constantFrom(...keys).map((k) => omit(o, k)) : fc.constant(o))),
    // A field nobody asked for, including keys that pollute prototypes in careless code.
    // (A computed key makes "__proto__" an own property, so it reaches the JSON text.)
    fc.tuple(whole, fc.constantFrom('extra', '__proto__', 'constructor', 'prototype', 'toString', 'ID', ''), hostileValue()).map(([o, k, v]) => ({ ...o, [k]: v })),
  );
}

const omit = (o: Record<string, unknown>, key: string) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== key));

const HOSTILE_TEXT = [
  "' OR '1'='1",
  "'; DROP TABLE orders; --",
  '" OR ""="',
  '\\',
  '%',
  '_',
  '%00',
  '\u0000',
  '\u0000\u0001\u0002\u001b[31m\u007f',
  '\r\n\r\nX-Injected: 1',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '${jndi:ldap://x}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '\u202eoverride',
  '\u200b\u200c\u200d\ufeff',
  '\ud800',
  '\udfff\ud800',
  'NaN',
  'Infinity',
  '-1e309',
  '0x10',
  'true',
  'null',
  '[]',
  '{}',
];

/** Values of the wrong kind for almost any field: other JSON types, hostile text, huge and deep values. */
export function hostileValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.constantFrom(0, -1, 1.5, 1e308, -1e308, 2 ** 64),
    fc.constantFrom(...HOSTILE_TEXT),
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.nat({ max: 300_000 }).map((n) => 'A'.repeat(n)),
    fc.nat({ max: 1000 }).map((depth) => nest(depth)),
    fc.constant(JSON.parse('{"__proto__":{"role":"admin"},"constructor":{"prototype":{"role":"admin"}}}')),
    fc.jsonValue({ maxDepth: 3 }),
    fc.array(fc.string(), { maxLength: 3 }),
    fc.constant({}),
    fc.constant([]),
  );
}

function nest(depth: number): unknown {
  let v: unknown = 'deep';
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

type Path = (string | number)[];

/**
 * A known-good example with one node changed: replaced by a value drawn for
 * its schema (often still valid) or a hostile one, removed, or given a
 * sibling nobody asked for; sometimes left as it is. This reaches the
 * business rules behind validation, which random bodies rarely pass.
 */
export function mutatedValue(example: unknown, schema: JsonSchema): fc.Arbitrary<unknown> {
  const paths = pathsOf(example);
  // Edges first: an example with one value at its limit is what reaches the code behind validation.
  const replaced = fc.constantFrom(...paths).chain((path) => {
    const at = schemaAt(schema, path);
    return fc
      .oneof({ arbitrary: boundaryValue(at), weight: 3 }, { arbitrary: fuzzValue(at), weight: 2 }, { arbitrary: hostileValue(), weight: 1 })
      .map((v) => setAt(example, path, v));
  });
  const removed = fc.constantFrom(...paths.filter((p) => p.length > 0)).map((path) => setAt(example, path, undefined));
  const extra = fc.tuple(fc.constantFrom(...paths), fc.string({ maxLength: 12 }), hostileValue()).map(([path, key, v]) => setAt(example, [...path, key], v));
  return fc.oneof({ arbitrary: fc.constant(example), weight: 2 }, { arbitrary: replaced, weight: 6 }, { arbitrary: removed, weight: 1 }, { arbitrary: extra, weight: 1 });
}

function pathsOf(v: unknown, at: Path = []): Path[] {
  if (Array.isArray(v)) return [at, ...v.flatMap((x, i) => pathsOf(x, [...at, i]))];
  if (v && typeof v === 'object') return [at, ...Object.entries(v).flatMap(([k, x]) => pathsOf(x, [...at, k]))];
  return [at];
}

/** The sub-schema at a path (the first object alternative of an anyOf), or {} when the path leaves the schema. */
function schemaAt(s: JsonSchema, path: Path): JsonSchema {
  let here: JsonSchema | undefined = s;
  for (const step of path) {
    here = (here.anyOf ?? here.oneOf)?.find((a) => a.properties || a.items) ?? here;
    here = typeof step === 'number' ? here.items : here.properties?.[step];
    if (!here) return {};
  }
  return here;
}

/** A copy with the value at path set (undefined removes it); an extra key on a non-object replaces it. */
function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [step, ...rest] = path;
  const copy = (Array.isArray(root) ? [...root] : root && typeof root === 'object' ? { ...root } : {}) as Record<string | number, unknown>;
  const next = setAt(copy[step!], rest, value);
  if (next === undefined) delete copy[step!];
  else copy[step!] = next;
  return copy;
}
