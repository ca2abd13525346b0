import { loadConfig } from '../../lib/config';
import { tokenTimesProblem } from '../../lib/tokens';

describe('HTTP hardening settings', () => {
  it('trusts no proxy, limits requests and leaves /metrics open by default', () => {
    const { http, auth } = loadConfig({});
    expect(http).toEqual({ host: '0.0.0.0', trustProxy: [], rateLimit: { perSecond: 100, ordersPerMinute: 120, loginPerMinute: 10 }, metricsToken: undefined });
    expect(auth.maxTokenLifetimeDays).toBe(30);
  });

  it('reads TRUST_PROXY as a list of addresses, CIDR ranges and proxy-addr names', () => {
    expect(loadConfig({ TRUST_PROXY: ' 10.0.0.0/8, 127.0.0.1,::1,fd00::/8, loopback ' }).http.trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1', '::1', 'fd00::/8', 'loopback']);
  });

  it.each(['proxy.internal', '10.0.0.0/33', '::1/129', '10.0.0.1/8/1', '10.0.0.0/x'])('refuses TRUST_PROXY=%s at start-up', (value) => {
    expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY/);
  });
});

describe('token times', () => {
  const now = Date.parse('2026-11-30T12:00:00Z');
  const at = (iso: string) => Date.parse(iso) / 1000;

  it('accepts a 30-day token issued now, or up to a minute ahead of our clock', () => {
    expect(tokenTimesProblem({ iat: now / 1000, exp: now / 1000 + 30 * 86_400 }, 30, now)).toBeNull();
    expect(tokenTimesProblem({ iat: at('2026-11-30T12:01:00Z'), exp: at('2026-12-01T12:00:00Z') }, 30, now)).toBeNull();
  });

  it('refuses a token issued more than a minute in the future', () => {
    expect(tokenTimesProblem({ iat: at('2026-11-30T12:01:01Z'), exp: at('2026-12-01T12:00:00Z') }, 30, now)).toMatch(/future/);
  });

  it('refuses a token that lives longer than the maximum lifetime', () => {
    expect(tokenTimesProblem({ iat: now / 1000, exp: now / 1000 + 30 * 86_400 + 1 }, 30, now)).toMatch(/longer than 30 days/);
  });
});
