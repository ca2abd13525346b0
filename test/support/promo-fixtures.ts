import { randomUUID } from 'node:crypto';
import { type Reply } from './fixtures';
import type { Stack } from './stack';
import { reply } from './api';

/** A promo through the admin API: 10 % off, no limits, unless overridden. */
export async function createPromo(stack: Stack, overrides: Record<string, unknown> = {}): Promise<{ id: string; code: string }> {
  const res = await reply(stack.api(stack.adminToken).POST('/v1/promo-codes', { body: { code: `P${randomUUID().slice(0, 8)}`, kind: 'percent', value: 10, ...overrides } }));
  if (res.status !== 201) throw new Error(`promo: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, code: res.body.code };
}

export async function promo(stack: Stack, id: string) {
  return (await reply(stack.api(stack.adminToken).GET('/v1/promo-codes/{id}', { params: { path: { id } } }))).body;
}

/** The order's redemption row, or undefined. */
export function redemptionOf(stack: Stack, orderId: string): Promise<{ status: string; discount_centavos: unknown } | undefined> {
  return stack.db('promo_redemptions').where({ order_id: orderId }).first();
}

/** Customers created through the API are new accounts (NEW_ACCOUNT_HIGH_VALUE above 20,000.00): make one old. */
export async function ageAccount(stack: Stack, customerId: string, days = 30): Promise<void> {
  await stack.db('customers').where({ id: customerId }).update({ created_at: new Date(Date.now() - days * 86_400_000) });
}

export const codesOf = (reply: Reply): string[] => (reply.body.errors ?? []).map((e: { code: string }) => e.code);
export const warningCodesOf = (reply: Reply): string[] => (reply.body.warnings ?? []).map((w: { code: string }) => w.code);
