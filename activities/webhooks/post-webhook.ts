import { lookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { isPrivateAddress } from '../../lib/webhook-url';

/** A refusal that no retry can change: the URL leads to an address webhooks may not reach. */
export class WebhookUrlRefused extends Error {}

export interface PostOptions {
  timeoutMs: number;
  allowPrivateUrls: boolean;
  signal?: AbortSignal;
}

/**
 * POSTs one webhook body and resolves with the answer's status code,
 * whatever it is; rejects when no answer came (refused, reset, timed out).
 * Redirects are not followed (a 3xx is an answer like any other). Every
 * address the host name resolves to is checked at connect time, so a name
 * pointed at a private address after the subscription was made is refused
 * too (WebhookUrlRefused). The answer's body is read and dropped.
 */
export function postWebhook(url: string, body: string, headers: Record<string, string>, opts: PostOptions): Promise<number> {
  const target = new URL(url);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  if (!opts.allowPrivateUrls && isIP(host) && isPrivateAddress(host)) return Promise.reject(new WebhookUrlRefused(`${host} is a private address`));
  const send = target.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = send(target, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      lookup: opts.allowPrivateUrls ? undefined : publicOnlyLookup,
      signal: opts.signal,
    });
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${opts.timeoutMs} ms`)), opts.timeoutMs);
    req.on('response', (res) => {
      clearTimeout(timer);
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end(body);
  });
}

/** dns.lookup that fails when any address of the name is private. */
function publicOnlyLookup(hostname: string, options: object, callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void): void {
  const all = (options as { all?: boolean }).all === true;
  lookup(hostname, { ...(options as LookupAllOptions), all: true }, (err, addresses) => {
    if (err) return callback(err, all ? [] : '');
    const refused = addresses.find((a) => isPrivateAddress(a.address));
    if (refused) return callback(new WebhookUrlRefused(`${hostname} resolves to the private address ${refused.address}`), all ? [] : '');
    if (all) return callback(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
}
