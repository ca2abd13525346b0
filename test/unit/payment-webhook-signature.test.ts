import { signatureProblem, signWebhook } from '../../lib/payments/webhook-signature';

const SECRET = 'whsec_test';
const BODY = '{"id":"evt_1","type":"payment.paid"}';
const NOW = Date.parse('2026-11-30T10:00:00Z');

describe('the gateway webhook signature', () => {
  it('accepts a body signed with the secret within the tolerance', () => {
    expect(signatureProblem(SECRET, signWebhook(SECRET, BODY, NOW - 60_000), BODY, 300, NOW)).toBeNull();
  });

  it('refuses another secret, another body, and a missing or malformed header', () => {
    expect(signatureProblem(SECRET, signWebhook('other', BODY, NOW), BODY, 300, NOW)).toBe('mismatch');
    expect(signatureProblem(SECRET, signWebhook(SECRET, BODY, NOW), `${BODY} `, 300, NOW)).toBe('mismatch');
    expect(signatureProblem(SECRET, undefined, BODY, 300, NOW)).toBe('missing');
    expect(signatureProblem(SECRET, 't=abc,v1=00', BODY, 300, NOW)).toBe('malformed');
  });

  it('refuses a signature older or newer than the tolerance, since the timestamp is inside the MAC', () => {
    expect(signatureProblem(SECRET, signWebhook(SECRET, BODY, NOW - 301_000), BODY, 300, NOW)).toBe('stale');
    expect(signatureProblem(SECRET, signWebhook(SECRET, BODY, NOW + 301_000), BODY, 300, NOW)).toBe('stale');
    const [t, v1] = signWebhook(SECRET, BODY, NOW - 400_000).split(',');
    const moved = `t=${Math.floor(NOW / 1000)},${v1}`;
    expect(t).not.toBe(moved.split(',')[0]);
    expect(signatureProblem(SECRET, moved, BODY, 300, NOW)).toBe('mismatch');
  });
});
