import type { Tag } from './operation';

/** The document's info block: what a shop's developer sees first in /docs and in a generated client. */
export const API_INFO = {
  title: 'Orderly API',
  version: '1.0.0',
  description:
    'Order processing for online shops (Philippines), on Temporal durable workflows. Money is in integer centavos (PHP). ' +
    'Read docs/api.md first: ids, money, times, pagination, idempotency, errors and retries, rate limits, versioning.',
  license: { name: 'MIT', identifier: 'MIT' },
  contact: { name: 'Orderly maintainers', url: 'https://orderly.dev' },
};

/** Relative: the API answers on the host that served this document, whatever the shop deploys it as. */
export const API_SERVERS = [{ url: '/', description: 'The host serving this document' }];

const TAG_DESCRIPTIONS: Record<Tag, string> = {
  orders: 'Place orders, read them, and move them through their statuses',
  payments: "An order's payment, its ledger and refunds; the payment gateway's signed webhooks",
  returns: 'Returns of delivered orders: requested, decided, received and refunded',
  catalogue: 'Products, stock and customers (staff)',
  promos: 'Promo codes (staff)',
  operations: 'Reports, the error log and the payload codec (staff)',
  webhooks: "Subscriptions of shop systems to order events, and every delivery (staff)",
  service: 'Probes and the document itself; no token',
};
export const API_TAGS = Object.entries(TAG_DESCRIPTIONS).map(([name, description]) => ({ name, description }));
