import { isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';

/**
 * The client's address as we record it (orders.client_ip, history
 * request_ip) and count it (per-IP velocity, rate limits). req.ip is the
 * connecting address, or what a proxy listed in TRUST_PROXY forwarded; a
 * forwarded value that is not an IP address (a misconfigured proxy passing
 * a client's junk along) is replaced by the connecting address, so nothing
 * but an address is ever stored.
 */
export function clientIp(req: FastifyRequest): string | null {
  if (storable(req.ip)) return req.ip;
  const connecting = req.socket.remoteAddress;
  return connecting && storable(connecting) ? connecting : null;
}

/** An address that fits where it is stored: isIP also accepts an IPv6 zone id ("fe80::1%eth0") of any length. */
const storable = (ip: string | undefined): ip is string => !!ip && ip.length <= MAX_IP_LENGTH && isIP(ip) !== 0;
/** The longest IPv6 text form (IPv4-mapped, fully written out). */
const MAX_IP_LENGTH = 45;
