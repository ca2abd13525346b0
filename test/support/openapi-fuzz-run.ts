import type { InjectOptions } from 'fastify';
import type { App } from '../../api/context';
import { describeFailure, judge, type FuzzResponse } from './openapi-fuzz-oracle';
import type { FuzzRequest } from './openapi-fuzz-requests';

export interface FuzzStats {
  requests: number;
  byStatus: Record<number, number>;
  byOperation: Record<string, { sent: number; ok: number; byStatus: Record<number, number> }>;
  serverErrors: number;
  leaks: number;
  timeouts: number;
  /** Every wrong answer: its kind (what went wrong where) and a reproducible description. */
  failures: { kind: string; detail: string }[];
}

/**
 * Sends the requests through fastify's whole request pipeline (inject: no
 * socket), a few at a time, and judges every answer. `prepare` may change a
 * request just before it is sent (the test uses it to cap workflow starts).
 */
export async function runFuzz(
  app: App,
  requests: FuzzRequest[],
  opts: { concurrency: number; timeoutMs: number; prepare?: (r: FuzzRequest) => FuzzRequest },
): Promise<FuzzStats> {
  const stats: FuzzStats = { requests: 0, byStatus: {}, byOperation: {}, serverErrors: 0, leaks: 0, timeouts: 0, failures: [] };
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const req = opts.prepare ? opts.prepare(requests[next++]!) : requests[next++]!;
      const res = await send(app, req, opts.timeoutMs);
      stats.requests++;
      const op = (stats.byOperation[req.operation] ??= { sent: 0, ok: 0, byStatus: {} });
      op.sent++;
      if (!res) {
        stats.timeouts++;
        const reason = `no answer within ${opts.timeoutMs} ms`;
        stats.failures.push({ kind: `${reason} to ${req.operation}`, detail: describeFailure(req, null, reason) });
        continue;
      }
      stats.byStatus[res.statusCode] = (stats.byStatus[res.statusCode] ?? 0) + 1;
      op.byStatus[res.statusCode] = (op.byStatus[res.statusCode] ?? 0) + 1;
      if (res.statusCode < 300) op.ok++;
      const wrong = judge(req, res);
      if (!wrong) continue;
      if (res.statusCode >= 500) stats.serverErrors++;
      else stats.leaks++;
      stats.failures.push({ kind: `${wrong.split(':')[0]} to ${req.operation}`, detail: describeFailure(req, res, wrong) });
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  return stats;
}

async function send(app: App, req: FuzzRequest, timeoutMs: number): Promise<FuzzResponse | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
  const options: InjectOptions = { method: req.method as InjectOptions['method'], url: req.url, headers: req.headers, ...(req.payload !== undefined ? { payload: req.payload } : {}) };
  try {
    const res = await Promise.race([app.inject(options), timeout]);
    return res && { statusCode: res.statusCode, headers: res.headers, body: res.body };
  } catch (err) {
    // inject itself refused the request (it could not be sent over a socket either): not the server's answer.
    return { statusCode: 0, headers: {}, body: String(err) };
  } finally {
    clearTimeout(timer);
  }
}

/** One example of each kind of failure, with how often that kind occurred. */
export function failureReport(stats: FuzzStats): string {
  const kinds = new Map<string, { count: number; example: string }>();
  for (const f of stats.failures) {
    const k = kinds.get(f.kind) ?? { count: 0, example: f.detail };
    k.count++;
    kinds.set(f.kind, k);
  }
  return [...kinds].map(([kind, { count, example }]) => `${count} x ${kind}, e.g.\n${example}`).join('\n\n');
}

const counts = (byStatus: Record<number, number>) =>
  `{${Object.entries(byStatus)
    .map(([s, n]) => `${s}:${n}`)
    .join(',')}}`;

export function summaryLine(stats: FuzzStats, operations: number, seed: number): string {
  return `fuzz: requests=${stats.requests} operations=${operations} by_status=${counts(stats.byStatus)} 5xx=${stats.serverErrors} leaks=${stats.leaks} timeouts=${stats.timeouts} seed=${seed}`;
}

/** Operations that never answered 2xx, with what they answered instead: the run did not get past their checks. */
export function neverOkLine(stats: FuzzStats): string | null {
  const never = Object.entries(stats.byOperation).filter(([, o]) => o.ok === 0);
  return never.length ? `fuzz: operations without a 2xx answer: ${never.map(([name, o]) => `${name} ${counts(o.byStatus)}`).join('; ')}` : null;
}
