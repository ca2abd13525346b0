export const PAYMENT_METHODS = ['cod', 'gcash', 'maya', 'card', 'bank_transfer'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export function isPaymentMethod(value: string): value is PaymentMethod {
  return (PAYMENT_METHODS as readonly string[]).includes(value);
}

/** Methods paid online through the gateway: the order waits for the provider's word (or a staff confirm). */
export const ONLINE_METHODS = ['gcash', 'maya', 'card'] as const satisfies readonly PaymentMethod[];
export const isOnline = (method: string): boolean => (ONLINE_METHODS as readonly string[]).includes(method);
