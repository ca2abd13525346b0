import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A shop system's webhook endpoint on a real socket on 127.0.0.1: keeps
 * every request as it arrived (headers, raw body) and answers as each test
 * scripts it, per path: a test subscribes its own path, so subscriptions of
 * other tests are answered 200. It can also go down (connections refused)
 * and come back on the same port.
 */
export interface ReceivedWebhook {
  path: string;
  headers: http.IncomingHttpHeaders;
  /** the body exactly as sent: what the signature covers */
  raw: string;
  body: { id: string; type: string; createdAt: string; orderId: string; data: Record<string, any> };
}

/** The answer to one request: an HTTP status, or 'hang' (held open until the sender gives up). */
export type WebhookAnswer = number | 'hang';

export interface WebhookReceiver {
  /** The URL of one path, e.g. a test's own: url('dedup') */
  url(path?: string): string;
  received: ReceivedWebhook[];
  /** Requests about this order, in arrival order. */
  of(orderId: string): ReceivedWebhook[];
  /** Scripts the answers on a path: `answer(n)` for the n-th request carrying the same event id (from 0); 200 when unscripted. */
  script(path: string, answer: (n: number) => WebhookAnswer): void;
  /** Stops listening: connections are refused until up(). */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const scripts = new Map<string, (n: number) => WebhookAnswer>();
  const of = (orderId: string) => received.filter((r) => r.body.orderId === orderId);

  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      const body = JSON.parse(raw) as ReceivedWebhook['body'];
      const path = (req.url ?? '/').split('?')[0].replace(/^\/hooks\/?/, '');
      const script = scripts.get(path);
      const answer = script ? script(received.filter((r) => r.body.id === body.id).length) : 200;
      received.push({ path, headers: req.headers, raw, body });
      if (answer !== 'hang') res.writeHead(answer, { 'content-type': 'text/plain' }).end(answer < 300 ? 'ok' : 'shop system down');
    });
  });
  const listen = (port: number) => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  await listen(0);
  const { port } = server.address() as AddressInfo;
  const stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return {
    url: (path = '') => `http://127.0.0.1:${port}/hooks/${path}`,
    received,
    of,
    script: (path, answer) => void scripts.set(path, answer),
    down: stop,
    up: () => listen(port),
    close: () => (server.listening ? stop() : Promise.resolve()),
  };
}
