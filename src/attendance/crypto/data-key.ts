import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** A data key: 32 random bytes for AES-256-GCM, and the short id written in front of every value it sealed. */
export interface DataKey {
  id: string;
  bytes: Buffer;
}

/** Where the key comes from: TEJIDO_DATA_KEY itself, or a key file outside the data folder. */
export type KeySource = { kind: 'env'; name: 'TEJIDO_DATA_KEY' } | { kind: 'file'; path: string };

/**
 * A key that is missing, malformed or not the one the names were sealed with. The message names
 * TEJIDO_DATA_KEY or the key file, so the operator knows what to restore; the server refuses to
 * start rather than show garbage or empty names.
 */
export class DataKeyError extends Error {
  readonly code = 'data_key';
  constructor(message: string) {
    super(`data_key: ${message}`);
  }
}

/** The id of a key: not secret (a hash of it), it tells which key sealed a value. */
export const keyIdOf = (bytes: Buffer) =>
  createHash('sha256').update('tejido-data-key-id\0').update(bytes).digest('hex').slice(0, 8);

export function keyFromBase64(text: string, where: string): DataKey {
  const trimmed = text.trim();
  const bytes = /^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) ? Buffer.from(trimmed, 'base64') : Buffer.alloc(0);
  if (bytes.length !== 32)
    throw new DataKeyError(
      `${where} must be 32 bytes in base64 (44 characters, e.g. from \`openssl rand -base64 32\`); it is not.`,
    );
  return { id: keyIdOf(bytes), bytes };
}

export const newKey = (): DataKey => {
  const bytes = randomBytes(32);
  return { id: keyIdOf(bytes), bytes };
};

/**
 * TEJIDO_DATA_KEY when set; otherwise the key file: TEJIDO_KEY_FILE, or `tejido.key` next to the
 * data folder (in its parent, default ./tejido.key), never inside it, so a copy of the data folder
 * or of the database file holds no key.
 */
export function keySource(env: NodeJS.ProcessEnv = process.env): KeySource {
  if (env.TEJIDO_DATA_KEY !== undefined) return { kind: 'env', name: 'TEJIDO_DATA_KEY' };
  const dataDir = resolve(env.DATA_DIR ?? 'data');
  const path = resolve(env.TEJIDO_KEY_FILE ?? resolve(dataDir, '..', 'tejido.key'));
  if (dirname(path) === dataDir || path.startsWith(`${dataDir}/`))
    throw new DataKeyError(
      `the key file ${path} is inside the data folder ${dataDir}; put it elsewhere (TEJIDO_KEY_FILE), or a copy of the data folder holds the key.`,
    );
  return { kind: 'file', path };
}

export const describe = (source: KeySource) =>
  source.kind === 'env' ? 'TEJIDO_DATA_KEY' : `the key file ${source.path} (TEJIDO_KEY_FILE)`;

/** The key if there is one; undefined when the key file does not exist yet. */
export function readKey(source: KeySource, env: NodeJS.ProcessEnv = process.env): DataKey | undefined {
  if (source.kind === 'env') return keyFromBase64(env.TEJIDO_DATA_KEY ?? '', 'TEJIDO_DATA_KEY');
  if (!existsSync(source.path)) return undefined;
  const mode = statSync(source.path).mode & 0o077;
  if (mode)
    throw new DataKeyError(
      `the key file ${source.path} may be read by other users (mode ${(statSync(source.path).mode & 0o777).toString(8)}); run \`chmod 600 ${source.path}\`.`,
    );
  return keyFromBase64(readFileSync(source.path, 'utf8'), `the key file ${source.path}`);
}

/**
 * Writes a key file with mode 0600, atomically and without overwriting: the key goes to a
 * temporary file first and is then hard-linked to its name, so two processes starting at once
 * end up with the one key that won (the loser reads it back).
 */
export function writeKeyFile(path: string, key: DataKey): DataKey {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, `${key.bytes.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(temporary, 0o600);
  try {
    linkSync(temporary, path);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return keyFromBase64(readFileSync(path, 'utf8'), `the key file ${path}`);
  } finally {
    unlinkSync(temporary);
  }
}
