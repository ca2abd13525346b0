import type { SmsSender } from './sms-sender';

// A provider that hangs must fail the attempt well inside the activity's 30 s
// start-to-close timeout, so the retry comes from our backoff, not a timeout.
const TIMEOUT_MS = 10_000;

/**
 * An SMS provider spoken to over HTTP: POST {to, message} as JSON to
 * SMS_PROVIDER_URL, with SMS_PROVIDER_TOKEN as a bearer token when set.
 * Any answer other than 2xx is a failure.
 */
export function httpSmsProvider(url: string, token: string | undefined): SmsSender {
  return {
    async send(to, message, signal) {
      const timeout = AbortSignal.timeout(TIMEOUT_MS);
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ to, message }),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      // Read the body either way so the connection goes back to the pool.
      const body = await res.text();
      if (!res.ok) throw new Error(`SMS provider answered ${res.status}: ${body.slice(0, 200)}`);
    },
  };
}
