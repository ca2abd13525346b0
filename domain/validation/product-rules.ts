import type { Issue } from '../error-codes';
import { issue, type Rule } from './context';

/** Each line's product exists, is on sale and has the stock (re-checked atomically when reserving). */
export const productRules: Rule = (order, ctx) => {
  const found: Issue[] = [];
  order.items.forEach((item, i) => {
    const field = `items.${i}.productId`;
    const product = ctx.products.get(item.productId);
    if (!product) {
      found.push(issue('PRODUCT_NOT_FOUND', field, `Product ${item.productId} does not exist`));
    } else if (product.status !== 'active') {
      found.push(issue('PRODUCT_UNAVAILABLE', field, `${product.name} is ${product.status}`));
    } else if (Number.isInteger(item.quantity) && item.quantity > product.available) {
      found.push(
        issue('INSUFFICIENT_STOCK', `items.${i}.quantity`, `Only ${product.available} of ${product.name} available`),
      );
    }
  });
  return found;
};
