import type { FuzzRequest } from './openapi-fuzz-requests';

/** What must never reach a client: SQL, stack traces, server file paths. */
const LEAKS: { what: string; pattern: RegExp }[] = [
  { what: 'SQL text', pattern: /\b(insert into|select .* from|update .* set|ER_[A-Z_]+|sqlite|knex)\b/i },
  { what: 'a stack trace', pattern: /\n\s+at .+:\d+:\d+/ },
  { what: 'a file path', pattern: /\/work\/|node_modules|\.ts:\d+/ },
];

export interface FuzzResponse {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
}

/**
 * Why this answer is wrong, or null: a 5xx, or a body that leaks internals.
 * Text the request itself carried (a hostile id echoed in "Order ... not
 * found") is not a leak, so matches found in the request are ignored.
 */
export function judge(req: FuzzRequest, res: FuzzResponse): string | null {
  if (res.statusCode >= 500) return `answered ${res.statusCode}`;
  // Static files (the htmx bundle) are code, not answers.
  if (String(res.headers['content-type'] ?? '').includes('javascript')) return null;
  const sent = requestText(req);
  for (const text of textsOf(res.body)) {
    for (const { what, pattern } of LEAKS) {
      const m = pattern.exec(text);
      if (m && !sent.includes(m[0].toLowerCase())) return `leaked ${what}: ${JSON.stringify(m[0].slice(0, 200))}`;
    }
  }
  return null;
}

/** The body as the client reads it: every string of a JSON body (so "\n" is a newline), or the raw text. */
function textsOf(body: string): string[] {
  try {
    const out: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'string') out.push(v);
      else if (v && typeof v === 'object') Object.entries(v).forEach(([k, x]) => (out.push(k), walk(x)));
    };
    walk(JSON.parse(body));
    return out;
  } catch {
    return [body];
  }
}

function requestText(req: FuzzRequest): string {
  return [req.url, safeDecode(req.url), req.payload ?? '', ...textsOf(req.payload ?? ''), ...Object.values(req.headers)].join('\n').toLowerCase();
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** A failure as a reproducible report: the request (bodies cut short) and the answer. */
export function describeFailure(req: FuzzRequest, res: FuzzResponse | null, reason: string): string {
  const cut = (s: string | undefined, n: number) => (s && s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : (s ?? ''));
  return [
    `${reason}: ${req.method} ${cut(req.url, 300)}   [operation ${req.operation}]`,
    `  request headers: ${cut(JSON.stringify(req.headers), 600)}`,
    `  request body: ${cut(req.payload, 600)}`,
    res ? `  response ${res.statusCode} ${String(res.headers['content-type'] ?? '')}: ${cut(res.body, 800)}` : '  no response',
  ].join('\n');
}
