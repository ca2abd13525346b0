import type { Issue } from '../error-codes';
import { formatPeso } from '../money';
import { issue, type Rule } from './context';

export const amountRules: Rule = (order, ctx, totals) => {
  const found: Issue[] = [];
  if (order.expectedTotalCentavos !== undefined && order.expectedTotalCentavos !== totals.totalCentavos) {
    found.push(
      issue(
        'AMOUNT_MISMATCH',
        'expectedTotalCentavos',
        `Expected total ${order.expectedTotalCentavos} differs from the computed total ${totals.totalCentavos}`,
      ),
    );
  }
  if (totals.totalCentavos > ctx.rules.orderTotalLimitCentavos) {
    found.push(
      issue('ORDER_TOTAL_LIMIT', 'items', `Order total may not exceed ${formatPeso(ctx.rules.orderTotalLimitCentavos)}`),
    );
  }
  return found;
};
