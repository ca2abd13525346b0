import type { Issue } from '../domain/error-codes';
import type { PlacedOrderRequest } from '../domain/order-request';
import { validateOrder as runRules, type ValidationResult } from '../domain/validation/validate-order';
import { clock, type ActivityDeps } from './deps';
import { loadValidationContext } from './load-validation-context';

export type ValidationOutcome =
  | { ok: false; errors: Issue[] }
  | (ValidationResult & {
      ok: true;
      phoneE164: string | null;
      psgc: Record<string, string | null> | null;
      promoId: string | null;
      perCustomerLimit: number | null;
    });

/**
 * Validates an order against every rule of docs/domain.md §3 and prices it.
 * Read-only, so retries are harmless. Rejections are returned as values,
 * not thrown: the workflow decides what a rejection means.
 */
export function validateOrder(deps: ActivityDeps) {
  return async ({ request, clientIp }: { request: PlacedOrderRequest; clientIp: string | null }): Promise<ValidationOutcome> => {
    const ctx = await loadValidationContext(deps, request, clientIp, clock(deps));
    const result = runRules(request, ctx);
    if (result.errors.length > 0) return { ok: false, errors: result.errors };
    return {
      ok: true,
      ...result,
      phoneE164: ctx.phoneE164,
      psgc: ctx.psgc,
      promoId: ctx.promoId,
      perCustomerLimit: ctx.promo?.found ? ctx.promo.perCustomerLimit : null,
    };
  };
}
