import { codes, customer, order, validate } from './context-builder';

describe('customer rules', () => {
  it('rejects an order from a customer that does not exist with CUSTOMER_NOT_FOUND', () => {
    const result = validate(order(), { customer: null });
    expect(result.errors).toContainEqual(expect.objectContaining({ code: 'CUSTOMER_NOT_FOUND', field: 'customerId', severity: 'error' }));
  });

  it.each(['suspended', 'banned', 'closed'])('rejects an order from a %s customer with CUSTOMER_INACTIVE', (status) => {
    const result = validate(order(), { customer: customer({ status }) });
    expect(result.errors).toEqual([expect.objectContaining({ code: 'CUSTOMER_INACTIVE', field: 'customerId' })]);
  });

  it('accepts an order from an active customer', () => {
    expect(codes(validate(order(), { customer: customer({ status: 'active' }) }))).toEqual([]);
  });
});
