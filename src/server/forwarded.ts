import { BlockList, isIP } from 'node:net';

/**
 * Who sent a request and how the public reached the site, when a reverse proxy (nginx, a load
 * balancer, a CDN) sits in front. X-Forwarded-For/-Proto/-Host are written by whoever sends the
 * request, so they are believed only from proxies named by TRUST_PROXY:
 *
 * - unset, "" , "0" or "false": no proxy; the headers are ignored (the default);
 * - a number N: the N nearest hops are proxies (e.g. "1" for one nginx in front);
 * - a comma-separated list of addresses or CIDR ranges: those are proxies, e.g. "10.0.0.0/8, 127.0.0.1".
 *
 * Used by the HTTP server (HSTS), the API (client address for rate limits and the audit log,
 * Secure cookie) and the coordinator page (origin check): one reading of the headers for all.
 */
export type TrustPolicy = (address: string, hop: number) => boolean;

export interface Forwarded {
  /** The client's address: the peer, or the nearest address a trusted proxy reported. */
  address: string | null;
  protocol: 'http' | 'https';
  /** host[:port] as the public typed it. */
  host: string;
}

export interface RequestView {
  /** The TCP peer's address. */
  peer: string | undefined;
  /** True when this server itself terminated TLS. */
  encrypted: boolean;
  header: (name: string) => string | null | undefined;
}

const never: TrustPolicy = () => false;

export function trustPolicy(setting: string | undefined = process.env.TRUST_PROXY): TrustPolicy {
  const value = setting?.trim() ?? '';
  if (value === '' || value === '0' || value.toLowerCase() === 'false') return never;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return (_address, hop) => hop < hops;
  }
  const list = new BlockList();
  for (const entry of value
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [address = '', prefix] = entry.split('/');
    const family = isIP(address);
    if (!family)
      throw new Error(
        `TRUST_PROXY: "${entry}" is not an address or CIDR range. Use a number of hops (e.g. 1) or addresses like 10.0.0.0/8,127.0.0.1.`,
      );
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return (address) => {
    const plain = unmapped(address);
    const family = isIP(plain);
    return family !== 0 && list.check(plain, family === 6 ? 'ipv6' : 'ipv4');
  };
}

export function resolveForwarded(trusts: TrustPolicy, request: RequestView): Forwarded {
  const peer = request.peer ? unmapped(request.peer) : null;
  const direct: Forwarded = {
    address: peer,
    protocol: request.encrypted ? 'https' : 'http',
    host: validHost(request.header('host')) ?? 'localhost',
  };
  if (!peer || !trusts(peer, 0)) return direct;

  // Walk the chain from the nearest hop outwards; the first address not vouched for is the client.
  const chain = (request.header('x-forwarded-for') ?? '')
    .split(',')
    .map((a) => unmapped(a.trim()))
    .filter((a) => isIP(a) !== 0);
  let address = peer;
  for (let hop = 1; chain.length > 0 && trusts(address, hop - 1); hop++) address = chain.pop() as string;

  const proto = first(request.header('x-forwarded-proto'))?.toLowerCase();
  return {
    address,
    protocol: proto === 'https' || proto === 'http' ? proto : direct.protocol,
    host: validHost(first(request.header('x-forwarded-host'))) ?? direct.host,
  };
}

/** The site's public origin, e.g. https://tejido.example.org, for origin checks and cookies. */
export const originOf = (forwarded: Forwarded) => `${forwarded.protocol}://${forwarded.host}`;

const first = (header: string | null | undefined) => header?.split(',')[0]?.trim() || undefined;
// "::ffff:10.0.0.1" is how Node reports an IPv4 peer on a dual-stack socket.
const unmapped = (address: string) => address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
// A hostname or [IPv6], optional port: nothing that could smuggle a path or another origin.
const validHost = (host: string | null | undefined) =>
  host && /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i.test(host) ? host.toLowerCase() : undefined;
