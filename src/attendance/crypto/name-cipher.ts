import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DataKey } from './data-key.ts';

/**
 * Members' names at rest: `v1:<keyId>:<base64 of nonce (12 bytes) + ciphertext + tag (16 bytes)>`,
 * AES-256-GCM with a random 96-bit nonce per value. The associated data is the member's bank and
 * id, so a value copied to another row (or another bank) does not open. An erased member's name is
 * the empty string and stays empty: there is nothing to hide and nothing to tell apart.
 */
export const PREFIX = 'v1:';
const NONCE = 12;
const TAG = 16;

export interface NameOwner {
  id: string;
  bankId: string;
}

const associatedData = (owner: NameOwner) => Buffer.from(`tejido/member-name/v1\0${owner.bankId}\0${owner.id}`, 'utf8');

/** A value that is sealed (by any key), as opposed to a name still in clear text. */
export const isSealed = (stored: string) => stored.startsWith(PREFIX);

/** The key id written in a sealed value, or undefined for a clear one. */
export const keyIdIn = (stored: string) =>
  isSealed(stored) ? stored.slice(PREFIX.length).split(':', 1)[0] : undefined;

export class NameCipher {
  readonly key: DataKey;
  constructor(key: DataKey) {
    this.key = key;
  }

  seal(owner: NameOwner, name: string): string {
    if (name === '') return '';
    const nonce = randomBytes(NONCE);
    const cipher = createCipheriv('aes-256-gcm', this.key.bytes, nonce);
    cipher.setAAD(associatedData(owner));
    const body = Buffer.concat([nonce, cipher.update(name, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${PREFIX}${this.key.id}:${body.toString('base64')}`;
  }

  /** The name, or an error: a value sealed by another key, for another row, or altered never gives a name. */
  open(owner: NameOwner, stored: string): string {
    if (stored === '') return '';
    if (!isSealed(stored))
      throw new NameSealError(`member ${owner.id}: the name is not sealed (clear text left in the database)`);
    const [keyId, body = ''] = stored.slice(PREFIX.length).split(':', 2);
    if (keyId !== this.key.id)
      throw new NameSealError(
        `member ${owner.id}: the name was sealed with key ${keyId}, not with the current key ${this.key.id}`,
      );
    const bytes = Buffer.from(body, 'base64');
    if (bytes.length < NONCE + TAG) throw new NameSealError(`member ${owner.id}: the sealed name is truncated`);
    const decipher = createDecipheriv('aes-256-gcm', this.key.bytes, bytes.subarray(0, NONCE));
    decipher.setAAD(associatedData(owner));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG));
    try {
      return Buffer.concat([decipher.update(bytes.subarray(NONCE, bytes.length - TAG)), decipher.final()]).toString(
        'utf8',
      );
    } catch (cause) {
      throw new NameSealError(
        `member ${owner.id}: the sealed name does not open (altered, or copied from another row)`,
        cause,
      );
    }
  }
}

export class NameSealError extends Error {
  readonly code = 'name_seal';
  constructor(message: string, cause?: unknown) {
    super(`name_seal: ${message}`, { cause });
  }
}

let active: NameCipher | undefined;

/** Set once the key has been checked against the database (names-at-rest.ts `prepareNames`). */
export function useNameCipher(cipher: NameCipher) {
  active = cipher;
}

/** The process's cipher. The database connection (connect.ts getConnection) sets it before any query. */
export function nameCipher(): NameCipher {
  if (!active) throw new Error('name_seal: no data key loaded; names are read and written only after getConnection()');
  return active;
}
