import { issue, type Rule } from './context';

export const customerRules: Rule = (order, ctx) => {
  if (!ctx.customer) return [issue('CUSTOMER_NOT_FOUND', 'customerId', `Customer ${order.customerId} does not exist`)];
  if (ctx.customer.status !== 'active') {
    return [issue('CUSTOMER_INACTIVE', 'customerId', `Customer account is ${ctx.customer.status}`)];
  }
  return [];
};
