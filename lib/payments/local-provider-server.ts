import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SIGNATURE_HEADER, signWebhook } from './webhook-signature';

/**
 * A local stand-in for the payment gateway, over a real socket: the same API
 * the gateway adapter (gateway-provider.ts) speaks, a checkout page whose
 * buttons settle the payment, and signed webhooks posted back to Orderly.
 * `npm start` runs it in the embedded default so an online order can be paid
 * without the internet; tests drive it the same way a customer's browser
 * would. State is in memory: it is a test double, not a bank.
 */
export type CheckoutOutcome = 'pay' | 'authorize' | 'fail' | 'expire';
const EVENT_OF: Record<CheckoutOutcome, string> = { pay: 'payment.paid', authorize: 'payment.authorized', fail: 'payment.failed', expire: 'payment.expired' };

interface Intent {
  id: string;
  reference: string;
  amountCentavos: number;
  method: string;
  status: 'awaiting_payment' | 'authorized' | 'succeeded' | 'failed' | 'expired';
  refundedCentavos: number;
}

export interface SentWebhook {
  event: Record<string, unknown>;
  status: number;
}

export interface LocalProvider {
  url: string;
  /** where webhooks go; set once the API listens */
  webhookUrl: string | null;
  /** refunds answer 500 (`error`, retried) or 400 (`refuse`, final) while set */
  refundFailure: 'error' | 'refuse' | null;
  /** every webhook sent, with the answer it got */
  readonly sent: SentWebhook[];
  intents(): Intent[];
  close(): Promise<void>;
}

export async function startLocalProvider(opts: { secretKey: string; webhookSecret: string; port?: number; host?: string }): Promise<LocalProvider> {
  const intents = new Map<string, Intent>();
  const byKey = new Map<string, unknown>();
  const state: LocalProvider = {
    url: '',
    webhookUrl: null,
    refundFailure: null,
    sent: [],
    intents: () => [...intents.values()],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  const deliver = async (intent: Intent, type: string, failureReason: string | null = null): Promise<SentWebhook> => {
    const event = { id: `evt_${randomUUID()}`, type, data: { paymentIntentId: intent.id, reference: intent.reference, amountCentavos: intent.amountCentavos, failureReason } };
    const body = JSON.stringify(event);
    let status = 0;
    if (state.webhookUrl) {
      try {
        const res = await fetch(state.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signWebhook(opts.webhookSecret, body) }, body });
        status = res.status;
        await res.text();
      } catch {
        status = 0;
      }
    }
    const sent = { event, status };
    state.sent.push(sent);
    return sent;
  };

  const settle = async (intent: Intent, outcome: CheckoutOutcome) => {
    intent.status = { pay: 'succeeded', authorize: 'authorized', fail: 'failed', expire: 'expired' }[outcome] as Intent['status'];
    return deliver(intent, EVENT_OF[outcome], outcome === 'fail' ? 'declined by the issuer' : null);
  };

  const routes: { method: string; path: RegExp; secret: boolean; run: (m: string[], body: Record<string, unknown>, key: string | undefined) => Promise<[number, unknown, string?]> }[] = [
    {
      method: 'POST',
      path: /^\/v1\/payment_intents$/,
      secret: true,
      run: async (_m, b, key) => {
        if (key && byKey.has(key)) return [200, byKey.get(key)];
        const amount = Number(b.amountCentavos);
        if (!Number.isInteger(amount) || amount <= 0 || typeof b.reference !== 'string') return [400, { error: 'amountCentavos and reference are required' }];
        const intent: Intent = { id: `pi_${randomUUID()}`, reference: b.reference, amountCentavos: amount, method: String(b.method), status: 'awaiting_payment', refundedCentavos: 0 };
        intents.set(intent.id, intent);
        const answer = { id: intent.id, status: intent.status, checkoutUrl: `${state.url}/checkout/${intent.id}` };
        if (key) byKey.set(key, answer);
        return [201, answer];
      },
    },
    {
      method: 'POST',
      path: /^\/v1\/payment_intents\/([^/]+)\/capture$/,
      secret: true,
      run: async ([id]) => {
        const intent = intents.get(id);
        if (!intent) return [404, { error: 'no such intent' }];
        if (intent.status !== 'authorized' && intent.status !== 'succeeded') return [400, { error: `intent is ${intent.status}` }];
        intent.status = 'succeeded';
        return [200, { id: `cap_${intent.id}`, amountCentavos: intent.amountCentavos }];
      },
    },
    {
      method: 'POST',
      path: /^\/v1\/refunds$/,
      secret: true,
      run: async (_m, b, key) => {
        if (key && byKey.has(key)) return [200, byKey.get(key)];
        if (state.refundFailure === 'error') return [500, { error: 'refunds are down' }];
        if (state.refundFailure === 'refuse') return [400, { error: 'refund refused' }];
        const intent = intents.get(String(b.paymentIntentId));
        const amount = Number(b.amountCentavos);
        if (!intent || intent.status !== 'succeeded') return [400, { error: 'nothing captured to refund' }];
        if (!Number.isInteger(amount) || amount <= 0 || intent.refundedCentavos + amount > intent.amountCentavos) return [400, { error: 'refund exceeds the capture' }];
        intent.refundedCentavos += amount;
        const answer = { id: `re_${randomUUID()}`, amountCentavos: amount, status: 'succeeded' };
        if (key) byKey.set(key, answer);
        return [201, answer];
      },
    },
    {
      // The checkout page's buttons (and tests, as the customer's browser): settle the intent and post the webhook.
      method: 'POST',
      path: /^\/checkout\/([^/]+)\/(pay|authorize|fail|expire)$/,
      secret: false,
      run: async ([id, outcome]) => {
        const intent = intents.get(id);
        if (!intent) return [404, { error: 'no such intent' }];
        if (intent.status !== 'awaiting_payment' && !(intent.status === 'authorized' && outcome !== 'authorize')) return [409, { error: `intent is ${intent.status}` }];
        const sent = await settle(intent, outcome as CheckoutOutcome);
        return [200, { status: intent.status, webhook: sent }];
      },
    },
    {
      method: 'GET',
      path: /^\/checkout\/([^/]+)$/,
      secret: false,
      run: async ([id]) => {
        const intent = intents.get(id);
        if (!intent) return [404, { error: 'no such intent' }];
        const button = (o: CheckoutOutcome, label: string) => `<form method="post" action="/checkout/${intent.id}/${o}"><button>${label}</button></form>`;
        const page = `<!doctype html><title>Local checkout</title><h1>Pay ₱${(intent.amountCentavos / 100).toFixed(2)} by ${intent.method}</h1><p>Order ${intent.reference}: ${intent.status}</p>${button('pay', 'Pay')}${button('fail', 'Decline')}${button('expire', 'Let it expire')}`;
        return [200, page, 'text/html; charset=utf-8'];
      },
    },
  ];

  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://local');
      const route = routes.find((r) => r.method === req.method && r.path.test(url.pathname));
      const reply = (status: number, body: unknown, type = 'application/json') =>
        res.writeHead(status, { 'content-type': type }).end(typeof body === 'string' ? body : JSON.stringify(body));
      if (!route) return reply(404, { error: 'not found' });
      if (route.secret && req.headers.authorization !== `Bearer ${opts.secretKey}`) return reply(401, { error: 'bad secret key' });
      let body: Record<string, unknown> = {};
      try {
        body = raw && req.headers['content-type']?.includes('json') ? JSON.parse(raw) : {};
      } catch {
        return reply(400, { error: 'not JSON' });
      }
      const key = req.headers['idempotency-key'];
      route.run(url.pathname.match(route.path)!.slice(1), body, typeof key === 'string' ? key : undefined).then(
        ([status, out, type]) => reply(status, out, type),
        () => reply(500, { error: 'local provider failed' }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}
