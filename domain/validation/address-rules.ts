import type { Issue } from '../error-codes';
import { issue, type Rule } from './context';

const REQUIRED = ['recipientName', 'phone', 'line1', 'barangay', 'city', 'province', 'postalCode'] as const;

/** Missing fields, postal code and phone format, and the PSGC lookup's findings. */
export const addressRules: Rule = (order, ctx) => {
  const address = order.shippingAddress;
  const found: Issue[] = [];
  for (const field of REQUIRED) {
    if (!address[field]?.trim()) {
      found.push(issue('ADDRESS_INCOMPLETE', `shippingAddress.${field}`, `${field} is required`));
    }
  }
  const postal = address.postalCode?.trim();
  if (postal && !/^\d{4}$/.test(postal)) {
    found.push(issue('INVALID_POSTAL_CODE', 'shippingAddress.postalCode', 'Postal code must be 4 digits'));
  }
  if (address.phone?.trim() && !ctx.phoneE164) {
    found.push(
      issue('INVALID_PHONE', 'shippingAddress.phone', 'Phone must be a Philippine mobile number (09XXXXXXXXX or +639XXXXXXXXX)'),
    );
  }
  return found.concat(ctx.address.issues);
};
