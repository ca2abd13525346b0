import { BlockList, isIP } from 'node:net';

/**
 * Where a webhook may be sent (docs/webhooks.md, "Which URLs"). A subscriber
 * URL is chosen by whoever holds an admin token; without this check it could
 * make the worker POST into the network it runs in (server-side request
 * forgery): the database, the Temporal frontend, a cloud metadata service.
 * So http(s) only, and no loopback, private, link-local, carrier-grade NAT,
 * multicast or reserved address, unless WEBHOOK_ALLOW_PRIVATE_URLS is set.
 * The API checks the URL as written; the sender checks every address the
 * name resolves to at each attempt (a name can be pointed elsewhere later).
 */
const PRIVATE = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  PRIVATE.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  PRIVATE.addSubnet(net, bits, 'ipv6');
}

/** The address is not on the public internet (an IPv4-mapped IPv6 address is judged by its IPv4 part). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return PRIVATE.check(mapped[1], 'ipv4');
  const version = isIP(address);
  if (version === 0) return true;
  return PRIVATE.check(address, version === 4 ? 'ipv4' : 'ipv6');
}

/** Names that resolve to the machine itself or its network, whatever DNS says. */
const LOCAL_NAME = /(^|\.)(localhost|local|internal|localdomain)$/i;

/** Why this URL cannot be a subscriber, or null when it can. */
export function webhookUrlProblem(text: string, allowPrivate: boolean): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'not a URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'only http and https URLs can receive webhooks';
  if (allowPrivate) return null;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) ? isPrivateAddress(host) : LOCAL_NAME.test(host) || !host.includes('.')) {
    return 'the URL points at a private or local address (set WEBHOOK_ALLOW_PRIVATE_URLS to allow it)';
  }
  return null;
}
