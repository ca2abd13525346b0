import { SIGNATURE_HEADER, signWebhook } from '../../lib/payments/webhook-signature';
import { rawCall as call, createCustomer, createProduct, eventually, orderBody } from './fixtures';
import type { Stack } from './stack';

/** Places an order paid online (gcash by default) and returns it as the 201 answered it. */
export async function placeOnlineOrder(stack: Stack, opts: { method?: string; quantity?: number; stockOnHand?: number; priceCentavos?: number; promoCode?: string } = {}) {
  const customer = await createCustomer(stack);
  const productId = await createProduct(stack, { stockOnHand: opts.stockOnHand ?? 10, priceCentavos: opts.priceCentavos ?? 10_000 });
  const res = await call(stack, 'POST', '/v1/orders', {
    token: customer.token,
    body: orderBody([{ productId, quantity: opts.quantity ?? 2 }], { paymentMethod: opts.method ?? 'gcash', ...(opts.promoCode ? { promoCode: opts.promoCode } : {}) }),
  });
  if (res.status !== 201) throw new Error(`order: ${res.status} ${JSON.stringify(res.body)}`);
  return { order: res.body, customer, productId };
}

/** What the customer's browser does on the gateway's checkout page: a real HTTP request to the local provider. */
export async function checkout(checkoutUrl: string, outcome: 'pay' | 'authorize' | 'fail' | 'expire') {
  const res = await fetch(`${checkoutUrl}/${outcome}`, { method: 'POST' });
  const body = await res.json();
  if (res.status !== 200) throw new Error(`checkout ${outcome}: ${res.status} ${JSON.stringify(body)}`);
  return body as { status: string; webhook: { event: Record<string, unknown>; status: number } };
}

/** Posts a webhook body to the API over its socket, signed with `secret` (the configured one unless a test forges). */
export async function postWebhook(stack: Stack, body: string, opts: { secret?: string; atMs?: number; signature?: string } = {}) {
  const url = stack.provider!.webhookUrl!;
  const signature = opts.signature ?? signWebhook(opts.secret ?? stack.config.payments.webhookSecret, body, opts.atMs);
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signature }, body });
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : null };
}

export async function orderOf(stack: Stack, id: string) {
  return (await call(stack, 'GET', `/v1/orders/${id}`, { token: stack.adminToken })).body;
}

/** Waits until the order reaches `status` (a workflow acts after the webhook's answer). */
export function orderReaches(stack: Stack, id: string, status: string) {
  return eventually(async () => {
    const order = await orderOf(stack, id);
    expect(order.status).toBe(status);
    return order;
  });
}

export async function paymentsOf(stack: Stack, id: string) {
  return (await call(stack, 'GET', `/v1/orders/${id}/payments`, { token: stack.adminToken })).body as {
    payment: { status: string; capturedCentavos: number; refundedCentavos: number } | null;
    ledger: { kind: string; provider: string; amountCentavos: number; providerRef: string | null; eventId: string | null }[];
    refunds: { id: string; status: string; amountCentavos: number }[];
  };
}

/** Waits until every refund of the order is settled one way or the other. */
export function refundsSettle(stack: Stack, id: string) {
  return eventually(async () => {
    const p = await paymentsOf(stack, id);
    expect(p.refunds.length).toBeGreaterThan(0);
    expect(p.refunds.filter((r) => r.status === 'pending')).toEqual([]);
    return p;
  });
}
