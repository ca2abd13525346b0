import type { Issue } from '../error-codes';
import { formatPeso } from '../money';
import { isPaymentMethod, PAYMENT_METHODS } from '../payment';
import { issue, type Rule } from './context';

export const paymentRules: Rule = (order, ctx, totals) => {
  if (!isPaymentMethod(order.paymentMethod)) {
    return [issue('INVALID_PAYMENT_METHOD', 'paymentMethod', `Payment method must be one of ${PAYMENT_METHODS.join(', ')}`)];
  }
  const found: Issue[] = [];
  if (order.paymentMethod === 'cod' && totals.totalCentavos > ctx.rules.codLimitCentavos) {
    found.push(
      issue('COD_LIMIT_EXCEEDED', 'paymentMethod', `Cash on delivery is limited to ${formatPeso(ctx.rules.codLimitCentavos)}`),
    );
  }
  return found;
};
