import { randomBytes, randomInt } from 'node:crypto';
import { hashPassword } from './password.ts';

/**
 * The one-time code an admin reads out to a new user (in person or by phone) so that she can
 * choose her own password. Characters that look or sound alike are left out: O and 0, I, L and
 * 1, Z (like 2), S (like 5), Q (like O), and B, V, W and N (alike on a Spanish phone line).
 * 24 characters, 12 of them: 24^12 ≈ 2^55, and guesses go through the sign-in throttle
 * (about 33 a day from one address).
 */
export const SETUP_ALPHABET = '23456789ACDEFGHJKMPRTUXY';
export const SETUP_CODE_LENGTH = 12;
/** Long enough for the admin to reach her, short enough that a code read out and forgotten dies. */
export const SETUP_CODE_DAYS = 7;

/** Three groups of four, read aloud one group at a time: "7KAM-3XRD-9PHT". */
const GROUP = 4;

/** A new code, written in groups for reading aloud. */
export function newSetupCode(): string {
  const chars = Array.from({ length: SETUP_CODE_LENGTH }, () => SETUP_ALPHABET[randomInt(SETUP_ALPHABET.length)]);
  const groups: string[] = [];
  for (let i = 0; i < chars.length; i += GROUP) groups.push(chars.slice(i, i + GROUP).join(''));
  return groups.join('-');
}

/** What she typed, as it was made: case, spaces and hyphens do not matter. */
export const normaliseSetupCode = (typed: string) => typed.toUpperCase().replace(/[\s\-_.]/g, '');

/**
 * A code to give out, and what is stored of it: its scrypt hash (the same slow hash as a
 * password, so a stolen table cannot be searched through) and when it stops working.
 */
export async function makeSetupCode(now = Date.now()) {
  const code = newSetupCode();
  return {
    code,
    codeHash: await hashPassword(normaliseSetupCode(code)),
    expiresAt: new Date(now + SETUP_CODE_DAYS * 24 * 60 * 60 * 1000).toISOString(),
  };
}

/**
 * The password hash of an account waiting to be set up: a real scrypt hash of a secret nobody
 * keeps, so no password signs her in, and a wrong guess takes as long as for any account.
 */
export const unusablePasswordHash = () => hashPassword(randomBytes(32).toString('base64url'));
