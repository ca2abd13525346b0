import type { Issue } from '../error-codes';
import { issue, type Rule } from './context';

/** Shape of the item list: empty, too long, repeated products, quantities. */
export const itemRules: Rule = (order, ctx) => {
  const { maxLineItems, maxQuantity } = ctx.rules;
  if (order.items.length === 0) return [issue('ORDER_EMPTY', 'items', 'The order has no items')];
  const found: Issue[] = [];
  if (order.items.length > maxLineItems) {
    found.push(issue('TOO_MANY_ITEMS', 'items', `An order may have at most ${maxLineItems} line items`));
  }
  const seen = new Set<string>();
  order.items.forEach((item, i) => {
    if (seen.has(item.productId)) {
      found.push(issue('DUPLICATE_ITEM', `items.${i}.productId`, `Product ${item.productId} is on more than one line`));
    }
    seen.add(item.productId);
    if (!Number.isInteger(item.quantity) || item.quantity < 1 || item.quantity > maxQuantity) {
      found.push(
        issue('QUANTITY_OUT_OF_RANGE', `items.${i}.quantity`, `Quantity must be a whole number from 1 to ${maxQuantity}`),
      );
    }
  });
  return found;
};
