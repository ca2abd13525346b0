import fc from 'fast-check';
import { fuzzValue, hostileValue, mutatedValue, type JsonSchema } from './openapi-fuzz-values';

/** One operation of the OpenAPI document, as far as the fuzzer needs it. */
export interface Operation {
  method: string;
  path: string;
  params: { name: string; in: string; schema: JsonSchema }[];
  /** The application/json request body, when the operation declares one. */
  body?: JsonSchema;
}

/** A request ready for fastify's inject (or a socket). */
export interface FuzzRequest {
  operation: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

/** What the fuzzer knows about the running system, so some requests get past 401 and 404. */
export interface FuzzWorld {
  /** Authorization header values to pick from, by weight; undefined sends none. */
  authorizations: { value: string | undefined; weight: number }[];
  /** Cookie header values to pick from (the console's session cookie; the API must ignore them). */
  cookies: string[];
  /** Real values for a parameter of this path (ids that exist, actions that exist), or []. */
  known(path: string, param: string): string[];
  /** Known-good request bodies for an operation ("POST /v1/orders") for the fuzzer to mutate, or null. */
  examples(operation: string): fc.Arbitrary<unknown> | null;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: Operation['params']; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>;
}

export function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      params: op.parameters ?? [],
      body: op.requestBody?.content?.['application/json']?.schema,
    })),
  );
}

/** Requests for one operation: path, query, headers and body each drawn from valid-ish, boundary and hostile values. */
export function requestsFor(op: Operation, world: FuzzWorld): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      path: pathOf(op, world),
      query: queryOf(op, world),
      headers: headersOf(op, world),
      body: bodyOf(op, world.examples(`${op.method} ${op.path}`)),
      method: fc.oneof({ arbitrary: fc.constant(op.method), weight: 40 }, { arbitrary: fc.constantFrom('PUT', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'POST', 'GET'), weight: 1 }),
    })
    .map(({ path, query, headers, body, method }) => ({
      operation: `${op.method} ${op.path}`,
      method,
      url: path + query,
      headers: { ...headers, ...body.headers },
      ...(body.payload !== undefined ? { payload: body.payload } : {}),
    }));
}

const HOSTILE_SEGMENTS = [
  '..',
  '.',
  '../../etc/passwd',
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e%2f',
  '%00',
  '%',
  '%ZZ',
  '%E0%A4%A',
  '%F0%9F%98%80',
  '%C0%AF',
  '%20',
  '%27%20OR%201%3D1--',
  'null',
  'undefined',
  '0',
  '-1',
  'CON',
  '%3Cscript%3E',
  'a'.repeat(65),
  'a'.repeat(5000),
];

function pathOf(op: Operation, world: FuzzWorld): fc.Arbitrary<string> {
  const names = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const values = names.map((name) => {
    const schema = op.params.find((p) => p.in === 'path' && p.name === name)?.schema ?? { type: 'string' };
    const known = world.known(op.path, name);
    return fc.oneof(
      { arbitrary: known.length ? fc.constantFrom(...known) : fc.uuid(), weight: 6 },
      { arbitrary: fuzzValue(schema).map((v) => urlEncode(text(v))), weight: 3 },
      { arbitrary: fc.constantFrom(...HOSTILE_SEGMENTS), weight: 2 },
    );
  });
  return fc.tuple(...values).map((vs) => names.reduce((path, name, i) => path.replace(`{${name}}`, vs[i]!), op.path));
}

const RAW_QUERIES = ['?', '?%', '?%ZZ=%', '?&&&', '?=&=', '?a[b]=1&a[c]=2', '?limit=1&limit=2', '?limit[]=5', '?__proto__[role]=admin', '?constructor=1', `?${'a=1&'.repeat(2000)}`, `?q=${'x'.repeat(20000)}`];

function queryOf(op: Operation, world: FuzzWorld): fc.Arbitrary<string> {
  const declared = op.params.filter((p) => p.in === 'query');
  const pairs = declared.map((p) => {
    const known = world.known(op.path, p.name);
    const value = fc.oneof(
      { arbitrary: fuzzValue(p.schema).map(text), weight: 5 },
      ...(known.length ? [{ arbitrary: fc.constantFrom(...known), weight: 2 }] : []),
      { arbitrary: fc.constantFrom('', '%', '%00', 'a'.repeat(300)), weight: 1 },
    );
    return sometimes(value.map((v) => `${p.name}=${urlEncode(v)}`), 2);
  });
  const extra = sometimes(fc.tuple(fc.string({ minLength: 1, maxLength: 10 }), hostileValue()).map(([k, v]) => `${urlEncode(k)}=${urlEncode(text(v).slice(0, 500))}`), 6);
  const generated = fc.tuple(fc.tuple(...pairs), extra).map(([ps, e]) => {
    const q = [...ps, e].filter(Boolean).join('&');
    return q ? `?${q}` : '';
  });
  return fc.oneof({ arbitrary: generated, weight: 12 }, { arbitrary: fc.constantFrom(...RAW_QUERIES), weight: 1 });
}

function headersOf(op: Operation, world: FuzzWorld): fc.Arbitrary<Record<string, string>> {
  const declared = op.params.filter((p) => p.in === 'header');
  const declaredValues = declared.map((p) => sometimes(fuzzValue(p.schema).map((v) => headerText(text(v))), 2).map((v) => [p.name, v] as const));
  return fc
    .record({
      authorization: fc.oneof(...world.authorizations.map(({ value, weight }) => ({ arbitrary: fc.constant(value), weight }))),
      declared: fc.tuple(...declaredValues),
      cookie: sometimes(fc.oneof(fc.constantFrom(...world.cookies), fc.string({ maxLength: 200 }).map(headerText)), 3),
      'x-forwarded-for': sometimes(fc.constantFrom('garbage', '1.2.3.4, 5.6.7.8', '::ffff:999.1.1.1', '', ' , , ', 'unknown', '127.0.0.1, '.repeat(1000), 'x'.repeat(10000), `fe80::1%${'z'.repeat(100)}`), 8),
      'user-agent': sometimes(fc.oneof(fc.string({ maxLength: 100 }).map(headerText), fc.constant('U'.repeat(20000))), 8),
      accept: sometimes(fc.constantFrom('text/html', 'application/xml', '*/*;q=abc', 'application/problem+json', ''), 8),
      'x-http-method-override': sometimes(fc.constantFrom('DELETE', 'PUT'), 20),
      'x-csrf-token': sometimes(fc.string({ maxLength: 64 }).map(headerText), 10),
    })
    .map(({ declared: ds, ...rest }) => {
      const headers: Record<string, string> = {};
      for (const [k, v] of [...Object.entries(rest), ...ds]) if (v !== undefined) headers[k] = v;
      return headers;
    });
}

const MALFORMED_JSON = [
  '{',
  '{"a":',
  '[1,2',
  '{"a":1,}',
  "{'a':1}",
  'nul',
  'undefined',
  '\ufeff{}',
  '{"a":1}{"b":2}',
  '0',
  '"text"',
  '[]',
  'null',
  '-',
  '1e99999',
  '{"__proto__":{"role":"admin"}}',
  `${'['.repeat(100_000)}`,
  `${'['.repeat(50_000)}${']'.repeat(50_000)}`,
  `{"constructor":{"prototype":${'['.repeat(20_000)}${']'.repeat(20_000)}}}`,
];
const ODD_CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'APPLICATION/JSON',
  'application/vnd.api+json',
  'application/json, text/plain',
  'application/json;;;',
  '*/*',
  '',
];

/** A body with its content-type: JSON from the schema or a mutated example, broken JSON, the wrong type, or nothing. */
function bodyOf(op: Operation, examples: fc.Arbitrary<unknown> | null): fc.Arbitrary<{ payload?: string; headers: Record<string, string> }> {
  const schema = op.body ?? {};
  const json = (payload: string, type = 'application/json') => ({ payload, headers: { 'content-type': type } });
  const generated = fuzzValue(schema).map((v) => json(JSON.stringify(v) ?? 'null'));
  const mutated = examples ? examples.chain((e) => mutatedValue(e, schema)).map((v) => json(JSON.stringify(v) ?? 'null')) : generated;
  const valid = fc.oneof({ arbitrary: generated, weight: 1 }, { arbitrary: mutated, weight: 2 });
  const truncated = fuzzValue(schema, true)
    .map((v) => JSON.stringify(v) ?? 'null')
    .chain((t) => fc.nat({ max: Math.max(t.length - 1, 0) }).map((n) => json(t.slice(0, n))));
  const malformed = fc.constantFrom(...MALFORMED_JSON).map((t) => json(t));
  const oddType = fc.tuple(fuzzValue(schema), fc.constantFrom(...ODD_CONTENT_TYPES)).map(([v, type]) => json(JSON.stringify(v) ?? 'null', type));
  const form = fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 40 }), { maxKeys: 4 }).map((d) => json(new URLSearchParams(d).toString(), 'application/x-www-form-urlencoded'));
  const empty = fc.constantFrom({ headers: {} }, { headers: { 'content-type': 'application/json' } }, json(''));
  const tooLarge = fc.constant(json(JSON.stringify({ pad: 'x'.repeat(300 * 1024) })));
  if (!op.body && op.method === 'GET') return fc.oneof({ arbitrary: empty, weight: 20 }, { arbitrary: valid, weight: 1 }, { arbitrary: malformed, weight: 1 });
  return fc.oneof(
    { arbitrary: valid, weight: 14 },
    { arbitrary: truncated, weight: 1 },
    { arbitrary: malformed, weight: 1 },
    { arbitrary: oddType, weight: 2 },
    { arbitrary: form, weight: 1 },
    { arbitrary: empty, weight: 1 },
    { arbitrary: tooLarge, weight: 1 },
  );
}

/** The value in one draw out of `oneIn`, else undefined. */
const sometimes = <T>(arb: fc.Arbitrary<T>, oneIn: number): fc.Arbitrary<T | undefined> =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: oneIn - 1 }, { arbitrary: arb, weight: 1 });

/** A generated value as it would appear in a URL or header. */
function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** Percent-encoded as a client would; a lone surrogate (not encodable as UTF-8) becomes U+FFFD first, as in a browser. */
const urlEncode = (s: string) => encodeURIComponent(s.replace(/[\ud800-\udfff]/gu, '\ufffd'));

/** Only what can cross a real socket in a header value (visible Latin-1 and tab); the rest becomes '?'. */
const headerText = (s: string) => s.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?');
