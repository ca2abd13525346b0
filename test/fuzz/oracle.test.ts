import { judge } from '../support/openapi-fuzz-oracle';
import type { FuzzRequest } from '../support/openapi-fuzz-requests';

/** The fuzz run is only as good as its judge: it must flag each kind of leak, and not the client's own words. */
const req = (over: Partial<FuzzRequest> = {}): FuzzRequest => ({ operation: 'GET /v1/orders/{id}', method: 'GET', url: '/v1/orders/abc', headers: {}, ...over });
const problem = (detail: string, status = 400) => ({ statusCode: status, headers: { 'content-type': 'application/problem+json' }, body: JSON.stringify({ status, detail, errors: [] }) });

describe('the fuzz oracle', () => {
  it('fails any 5xx, however tidy its body', () => {
    expect(judge(req(), problem('Something went wrong on our side', 500))).toBe('answered 500');
    expect(judge(req(), problem('retry shortly', 503))).toBe('answered 503');
  });

  it.each([
    ['SQL text', "insert into `orders` (`client_ip`) values ('x') - Data too long"],
    ['SQL text', 'ER_DATA_TOO_LONG'],
    ['a stack trace', 'Error: boom\n    at Query.execute (command.js:29:26)'],
    ['a file path', 'failed in /work/main/api/routes/orders.ts'],
    ['a file path', 'at orders.ts:42'],
  ])('fails a body that leaks %s', (what, detail) => {
    expect(judge(req(), problem(detail))).toContain(`leaked ${what}`);
  });

  it('passes a hostile value the client sent that the answer only echoes', () => {
    const url = `/v1/orders/${encodeURIComponent('select id from orders')}`;
    expect(judge(req({ url }), problem('Order select id from orders not found', 404))).toBeNull();
  });

  it('passes a plain problem and the htmx bundle, which is code by nature', () => {
    expect(judge(req(), problem('The request body is not valid'))).toBeNull();
    expect(judge(req(), { statusCode: 200, headers: { 'content-type': 'application/javascript' }, body: 'select x from y\n  at a:1:2' })).toBeNull();
  });
});
