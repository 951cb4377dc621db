/**
 * The longest password accepted anywhere, in UTF-8 bytes, checked before any hashing: a 10 MB
 * "password" must cost the server a string comparison, not a key derivation. A pure module, so
 * the request schemas can use it without pulling in node:crypto.
 */
export const MAX_PASSWORD_BYTES = 1024;

/** UTF-8 never takes fewer bytes than UTF-16 code units, so the cheap length test goes first. */
export const passwordFits = (password: string) =>
  password.length <= MAX_PASSWORD_BYTES && new TextEncoder().encode(password).length <= MAX_PASSWORD_BYTES;
