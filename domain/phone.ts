/**
 * INVALID_PHONE (docs/domain.md §3): a Philippine mobile number written as
 * 09XXXXXXXXX, +639XXXXXXXXX or 639XXXXXXXXX, stored as E.164 (+639XXXXXXXXX).
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

// One space or dash may separate digit groups ("0917 123 4567", "+63 917-123-4567").
const DIGIT_GROUPS = /^\+?\d+(?:[ -]\d+)*$/;
const ACCEPTED_FORMS = /^(?:0|\+63|63)(9\d{9})$/;

export function normalizePhilippineMobile(raw: string): { ok: true; e164: string } | { ok: false } {
  const trimmed = raw.trim();
  if (!DIGIT_GROUPS.test(trimmed)) return { ok: false };
  const form = ACCEPTED_FORMS.exec(trimmed.replace(/[ -]/g, ''));
  if (!form) return { ok: false };
  // The pattern alone would take unallocated prefixes such as 0900; the "max"
  // metadata knows which 09XX prefixes are mobile ranges ("min" does not).
  const parsed = parsePhoneNumberFromString(`+63${form[1]}`);
  if (!parsed || !parsed.isValid() || parsed.getType() !== 'MOBILE') return { ok: false };
  return { ok: true, e164: parsed.number };
}
