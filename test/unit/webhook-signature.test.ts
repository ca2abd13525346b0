import { webhookSignature } from '../../lib/webhook-signature';

describe('the Orderly-Signature header', () => {
  const body = '{"id":"e1","type":"order.created"}';

  it('is t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>"> keyed with the secret (a vector computed with openssl)', () => {
    // printf '%s' '1700000000.{"id":"e1","type":"order.created"}' | openssl dgst -sha256 -hmac 'whsec_test-secret'
    expect(webhookSignature('whsec_test-secret', body, 1_700_000_000)).toBe('t=1700000000,v1=c34844e064e02d545a5122fda15c3f9e7c0fefcba31906d1f958205fe32a4d44');
  });

  it('changes with the secret, the body and the timestamp, so none can be swapped without the key', () => {
    const base = webhookSignature('whsec_test-secret', body, 1_700_000_000);
    expect(webhookSignature('whsec_other-secret', body, 1_700_000_000)).not.toBe(base);
    expect(webhookSignature('whsec_test-secret', body.replace('created', 'cancelled'), 1_700_000_000)).not.toBe(base);
    expect(webhookSignature('whsec_test-secret', body, 1_700_000_001).split(',v1=')[1]).not.toBe(base.split(',v1=')[1]);
  });
});
