import { numberField, parseForm } from '../../api/console/forms';
import { fmt } from '../../api/console/format';
import { StockChange } from '../../api/schemas/catalogue';
import { ShipBody } from '../../api/schemas/orders';
import { staffMay, STAFF_ROLES } from '../../domain/staff';

describe('console forms', () => {
  it('checks a posted form with the API schema, leaving out the CSRF and view fields the strict schema would refuse', () => {
    const parsed = parseForm(ShipBody, { _csrf: 'token', view: 'row', carrier: ' LBC ', trackingNumber: 'T-1' });
    expect(parsed).toEqual({ ok: true, data: { carrier: 'LBC', trackingNumber: 'T-1' } });
  });

  it('gives one message per field, keyed by the field name the form uses', () => {
    const parsed = parseForm(StockChange, { delta: 'x', reason: '' }, (f) => ({ ...f, delta: numberField(f.delta) }));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.errors).sort()).toEqual(['delta', 'reason']);
    expect(parsed.values).toEqual({ delta: 'x', reason: '' });
  });

  it('turns an empty number field into an absent one, so the schema says it is required', () => {
    expect(numberField('')).toBeUndefined();
    expect(numberField('-3')).toBe(-3);
  });
});

describe('staff roles', () => {
  it('lets admins and staff act, admins alone manage, and viewers do neither', () => {
    expect(STAFF_ROLES.map((r) => [r, staffMay(r, 'act'), staffMay(r, 'manage')])).toEqual([
      ['admin', true, true],
      ['staff', true, false],
      ['viewer', false, false],
    ]);
  });
});

describe('console formatting', () => {
  const now = Date.parse('2026-11-30T12:00:00Z');
  it('prints ages in the largest whole unit', () => {
    expect(fmt.age('2026-11-30T11:59:30Z', now)).toBe('30 s');
    expect(fmt.age('2026-11-30T11:15:00Z', now)).toBe('45 min');
    expect(fmt.age('2026-11-30T07:00:00Z', now)).toBe('5 h');
    expect(fmt.age('2026-11-27T12:00:00Z', now)).toBe('3 d');
  });

  it('says whether a deadline is ahead or behind', () => {
    expect(fmt.until('2026-11-30T12:07:00Z', now)).toBe('in 7 min');
    expect(fmt.until('2026-11-30T11:53:00Z', now)).toBe('7 min ago');
  });

  it('shows the last 8 characters of an id, the random end of a UUIDv7', () => {
    expect(fmt.shortId('01a22d4c-b17c-71fc-a2b1-7d74679f9896')).toBe('679f9896');
  });
});
