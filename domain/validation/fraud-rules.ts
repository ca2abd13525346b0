import type { Issue } from '../error-codes';
import { formatPeso } from '../money';
import { issue, type Rule } from './context';

/** Abuse limits (errors) and the signals that hold an order for verification (warnings). */
export const fraudRules: Rule = (order, ctx, totals) => {
  const r = ctx.rules;
  const found: Issue[] = [];
  if (ctx.velocity.customerOrdersLastHour >= r.velocityPerCustomerPerHour) {
    found.push(
      issue('VELOCITY_LIMIT_EXCEEDED', 'customerId', `At most ${r.velocityPerCustomerPerHour} orders per customer per hour`),
    );
  }
  if (ctx.velocity.ipOrdersLastHour >= r.velocityPerIpPerHour) {
    found.push(issue('VELOCITY_LIMIT_EXCEEDED', 'clientIp', `At most ${r.velocityPerIpPerHour} orders per address per hour`));
  }
  const trusted = ctx.customer?.trusted ?? false;
  if (order.paymentMethod === 'cod' && totals.totalCentavos > r.verificationCodThresholdCentavos && !trusted) {
    found.push(
      issue(
        'VERIFICATION_REQUIRED',
        'paymentMethod',
        `Cash on delivery above ${formatPeso(r.verificationCodThresholdCentavos)} needs verification by our staff`,
        'warning',
      ),
    );
  }
  const customer = ctx.customer;
  if (customer) {
    const ageHours = (ctx.now.getTime() - customer.createdAt.getTime()) / 3_600_000;
    if (ageHours < r.newAccountAgeHours && totals.totalCentavos > r.newAccountHighValueCentavos) {
      found.push(
        issue('NEW_ACCOUNT_HIGH_VALUE', 'customerId', 'A high-value order from a new account needs verification', 'warning'),
      );
    }
  }
  if (ctx.duplicateOfOrderId) {
    found.push(
      issue(
        'POSSIBLE_DUPLICATE_ORDER',
        'items',
        `Same items as order ${ctx.duplicateOfOrderId} placed in the last ${r.duplicateWindowMinutes} minutes`,
        'warning',
      ),
    );
  }
  return found;
};

/** Warnings that hold the order in awaiting_verification until an admin verifies it. */
export const VERIFICATION_CODES: readonly Issue['code'][] = ['VERIFICATION_REQUIRED', 'NEW_ACCOUNT_HIGH_VALUE'];
