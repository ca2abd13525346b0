import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes that let operators find orders in the Temporal
 * Web UI (e.g. `OrderStatus = "pending"`). No personal data goes here.
 * The names and types are registered on the dev server at start.
 */
export const OrderStatusKey = defineSearchAttributeKey('OrderStatus', SearchAttributeType.KEYWORD);
export const CustomerIdKey = defineSearchAttributeKey('CustomerId', SearchAttributeType.KEYWORD);
export const OrderTotalKey = defineSearchAttributeKey('OrderTotal', SearchAttributeType.INT);
export const PaymentMethodKey = defineSearchAttributeKey('PaymentMethod', SearchAttributeType.KEYWORD);
export const NeedsAttentionKey = defineSearchAttributeKey('NeedsAttention', SearchAttributeType.BOOL);

/** Name -> CLI type, for `temporal server start-dev --search-attribute`. */
export const SEARCH_ATTRIBUTES: Record<string, string> = {
  OrderStatus: 'Keyword',
  CustomerId: 'Keyword',
  OrderTotal: 'Int',
  PaymentMethod: 'Keyword',
  NeedsAttention: 'Bool',
};
