import { originOf, resolveForwarded, trustPolicy, type Forwarded, type TrustPolicy } from '../server/forwarded.ts';

interface AstroRequestContext {
  request: Request;
  url: URL;
  /** Astro's clientAddress: the TCP peer, as long as `security.allowedDomains` is not set (see astro.config.mjs). */
  clientAddress?: string;
}

let policy: TrustPolicy | undefined;

/** The request as the public made it, behind the proxies TRUST_PROXY names (src/server/forwarded.ts). */
export function forwardedRequest(context: AstroRequestContext): Forwarded {
  policy ??= trustPolicy();
  let peer: string | undefined;
  try {
    peer = context.clientAddress;
  } catch {
    // Astro throws when the adapter could not tell the address.
  }
  return resolveForwarded(policy, {
    peer,
    encrypted: context.url.protocol === 'https:',
    header: (name) => context.request.headers.get(name),
  });
}

/** The URL the public sees (https behind a TLS-terminating proxy): for Secure cookies and origin checks. */
export function publicUrl(context: AstroRequestContext): URL {
  return new URL(context.url.pathname + context.url.search, originOf(forwardedRequest(context)));
}
