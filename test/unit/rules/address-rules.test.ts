import type { ShippingAddress } from '../../../domain/order-request';
import { codes, order, validate } from './context-builder';

const withAddress = (changes: Partial<ShippingAddress>) => order({ shippingAddress: { ...order().shippingAddress, ...changes } });
const REQUIRED = ['recipientName', 'phone', 'line1', 'barangay', 'city', 'province', 'postalCode'] as const;

describe('address rules', () => {
  it.each(REQUIRED)('rejects an address without %s with ADDRESS_INCOMPLETE on that field', (field) => {
    const result = validate(withAddress({ [field]: undefined }));
    expect(result.errors).toEqual([expect.objectContaining({ code: 'ADDRESS_INCOMPLETE', field: `shippingAddress.${field}` })]);
  });

  it('counts a field of blanks as missing', () => {
    expect(codes(validate(withAddress({ line1: '   ' })))).toEqual(['ADDRESS_INCOMPLETE']);
  });

  it('reports one ADDRESS_INCOMPLETE per missing field', () => {
    const result = validate(order({ shippingAddress: {} }));
    expect(result.errors.map((e) => [e.code, e.field])).toEqual(REQUIRED.map((f) => ['ADDRESS_INCOMPLETE', `shippingAddress.${f}`]));
  });

  it('does not require line2 or region', () => {
    expect(codes(validate(withAddress({ line2: undefined, region: undefined })))).toEqual([]);
  });

  it('passes on the PSGC lookup finding with its suggestions as ADDRESS_UNKNOWN_LOCATION', () => {
    const unknown = {
      code: 'ADDRESS_UNKNOWN_LOCATION' as const,
      field: 'shippingAddress.barangay',
      message: '"Bel Aire" is not a barangay of Makati City.',
      severity: 'error' as const,
      suggestions: ['Bel-Air', 'La Paz', 'Palanan'],
    };
    const result = validate(withAddress({ barangay: 'Bel Aire' }), { address: { islandGroup: 'metro_manila', issues: [unknown] } });
    expect(result.errors).toEqual([unknown]);
  });

  it.each(['12345', '123', '12a4', '1 209'])('rejects the postal code %p with INVALID_POSTAL_CODE', (postalCode) => {
    expect(validate(withAddress({ postalCode })).errors).toEqual([expect.objectContaining({ code: 'INVALID_POSTAL_CODE', field: 'shippingAddress.postalCode' })]);
  });

  it.each(['0281234567', '09001234567', '9171234567', '+14155550123'])('rejects the phone %p with INVALID_PHONE', (phone) => {
    expect(validate(withAddress({ phone })).errors).toEqual([expect.objectContaining({ code: 'INVALID_PHONE', field: 'shippingAddress.phone' })]);
  });

  it.each(['09171234567', '+639171234567', '639171234567'])('accepts the phone %p', (phone) => {
    expect(codes(validate(withAddress({ phone })))).toEqual([]);
  });
});
