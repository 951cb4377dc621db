import type { Organisation } from './schemas/organisation.ts';

/**
 * Names reserved for examples and tests (RFC 2606, RFC 6761): `example`, `test`, `invalid` and
 * `localhost` as top-level domains, and example.com/.net/.org with their subdomains. No real
 * organisation lives there, so an address on one is a placeholder left in a config.
 */
const RESERVED_TLDS = ['example', 'test', 'invalid', 'localhost'];
const RESERVED_DOMAINS = ['example.com', 'example.net', 'example.org'];

/** Whether a host name is reserved for examples (`tejido.example.org`, `fincaperu.example`, `localhost`). */
export function isPlaceholderHost(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  const tld = name.split('.').at(-1) ?? '';
  return RESERVED_TLDS.includes(tld) || RESERVED_DOMAINS.some((d) => name === d || name.endsWith(`.${d}`));
}

/** A web address that is real: parses, and its host is not a placeholder. Undefined otherwise. */
export function realUrl(address: string | undefined): URL | undefined {
  if (!address) return undefined;
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return undefined;
  }
  return /^https?:$/.test(url.protocol) && !isPlaceholderHost(url.hostname) ? url : undefined;
}

/** An e-mail address whose domain is not a placeholder (`contacto@fincaperu.example` is). Undefined otherwise. */
export function realEmail(address: string | undefined): string | undefined {
  const domain = address?.split('@')[1];
  return domain && !isPlaceholderHost(domain) ? address : undefined;
}

/**
 * THE rule for the published site's address, used by Astro's `site` (catalog, JSON-LD) and by
 * every print view: `SITE_URL` from the environment first, then the organisation's `website`.
 * The first one given decides; when it is a placeholder (a reserved host, see above) there is no
 * public address, and the print leaves the line out rather than print an address nobody can open.
 */
export function publicSiteUrl(
  organisation: Pick<Organisation, 'website'>,
  env: Record<string, string | undefined> = process.env,
): URL | undefined {
  return realUrl(env.SITE_URL || organisation.website);
}

/** Astro's `site`: the public address, or the local server's when there is none (absolute URLs still resolve). */
export const LOCAL_SITE = 'http://localhost:4321';
