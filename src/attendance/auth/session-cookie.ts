import type { AstroCookieSetOptions } from 'astro';

/**
 * How the session cookie is set, wherever a sign-in happens (the API's login route, the
 * coordinator page's form): HttpOnly, SameSite=Strict, Secure over HTTPS, until the session ends.
 */
export const sessionCookieOptions = (url: URL, expiresAt: string): AstroCookieSetOptions => ({
  httpOnly: true,
  sameSite: 'strict',
  secure: url.protocol === 'https:',
  path: '/',
  expires: new Date(expiresAt),
});
