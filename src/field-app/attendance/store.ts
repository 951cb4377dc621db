import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { z } from 'zod';
import type {
  attendanceBatchBody,
  bankSchema,
  deliverySchema,
  memberSchema,
  userSchema,
} from '../../attendance/api-schemas.ts';

/**
 * What the attendance screen keeps on the phone, in IndexedDB:
 * - `account`: who is signed in and the bearer token the queue is sent with;
 * - `banks` and `rosters`: her banks and their members WITH NAMES, kept only while she is signed
 *   in and wiped on sign-out (a shared phone keeps no names);
 * - `queue`: roll calls and their corrections, waiting to be sent or already sent, by member id
 *   and code, never by name. The queue survives sign-out: nothing recorded is dropped.
 */
export type Bank = z.output<typeof bankSchema>;
export type Member = Required<Pick<z.output<typeof memberSchema>, 'id' | 'memberCode' | 'displayName'>>;
type User = z.output<typeof userSchema>;

export interface Account {
  user: Pick<User, 'id' | 'displayName' | 'role'>;
  token: string;
  expiresAt: string;
}

/** A roll call the server has for the bank: which meeting, its version and until when it may be corrected. */
export type ServerRollCall = Pick<
  z.output<typeof deliverySchema>,
  'id' | 'sessionId' | 'deliveredOn' | 'version' | 'correctableUntil' | 'correctable'
>;

export interface Roster {
  bankId: string;
  /** The facilitator it was read for: another account on the same phone never sees it. */
  userId: string;
  members: Member[];
  /** The bank's roll calls on the server when the roster was read: a meeting already taken opens for correction. */
  rollCalls?: ServerRollCall[];
  fetchedAt: string;
}

type Batch = z.output<typeof attendanceBatchBody>;
export type QueueStatus = 'pending' | 'sent' | 'conflict' | 'refused';

export interface QueuedRollCall {
  /**
   * The queue's key, and what makes a resend harmless: the delivery's client UUID for a roll
   * call, the correction's own UUID for a correction.
   */
  id: string;
  /** A whole roll call (absent in entries saved before corrections existed), or a correction of one. */
  kind?: 'batch' | 'correction';
  /** A correction: the version it corrects. */
  basedOn?: number;
  /** A correction: only the marks it changes (what is sent); `records` has every mark after it. */
  changes?: { memberId: string; memberCode: string; present: boolean }[];
  /** Once sent: the roll call's version on the server, and the last day it may be corrected. */
  version?: number;
  correctableUntil?: string;
  /** Refused because the meeting already had a roll call on the server: that one's id. */
  storedId?: string;
  userId: string;
  delivery: Batch['delivery'];
  /** Shown in the list of saved roll calls: the bank's code and the session's title, no person. */
  bankCode: string;
  sessionTitle: string;
  records: (Batch['records'][number] & { memberCode: string })[];
  /**
   * The agenda steps she ticked (0-based indexes, never text), sent with the roll call or the
   * correction; absent when she did not touch the list (the roll call then says nothing of them).
   */
  stepsDone?: number[];
  savedAt: string;
  status: QueueStatus;
  sentAt?: string;
  attempts: number;
  /** The last answer, in a facilitator's words; empty once sent. */
  problem?: string;
}

/**
 * A token signed out of without signal: kept until the server has revoked it. `cookieToo` says
 * the browser's session cookie from the same sign-in is still to be ended (until a new sign-in
 * replaces that cookie).
 */
export interface PendingRevocation {
  id: string;
  token: string;
  cookieToo: boolean;
  savedAt: string;
}

interface FieldDb extends DBSchema {
  account: { key: 'current'; value: Account };
  revocations: { key: string; value: PendingRevocation };
  banks: { key: string; value: { userId: string; banks: Bank[]; fetchedAt: string } };
  rosters: { key: string; value: Roster };
  queue: { key: string; value: QueuedRollCall; indexes: { byDelivery: [string, string, string] } };
}

export const DATABASE_NAME = 'tejido-campo';
let opened: Promise<IDBPDatabase<FieldDb>> | undefined;

export function database(): Promise<IDBPDatabase<FieldDb>> {
  opened ??= openDB<FieldDb>(DATABASE_NAME, 2, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('account');
        db.createObjectStore('banks', { keyPath: 'userId' });
        db.createObjectStore('rosters', { keyPath: 'bankId' });
        const queue = db.createObjectStore('queue', { keyPath: 'id' });
        queue.createIndex('byDelivery', ['delivery.bankId', 'delivery.sessionId', 'delivery.deliveredOn']);
      }
      if (oldVersion < 2) db.createObjectStore('revocations', { keyPath: 'id' });
    },
  });
  return opened;
}

export async function currentAccount(): Promise<Account | undefined> {
  const account = await (await database()).get('account', 'current');
  if (account && Date.parse(account.expiresAt) <= Date.now()) {
    await forgetAccount();
    return undefined;
  }
  return account;
}

export const saveAccount = async (account: Account) =>
  void (await (await database()).put('account', account, 'current'));

/** Sign-out: the token, her banks and every roster (the only place names are kept) are deleted. */
export async function forgetAccount(): Promise<void> {
  const db = await database();
  const tx = db.transaction(['account', 'banks', 'rosters'], 'readwrite');
  await Promise.all([
    tx.objectStore('account').clear(),
    tx.objectStore('banks').clear(),
    tx.objectStore('rosters').clear(),
    tx.done,
  ]);
}

export const cachedBanks = async (userId: string) => (await (await database()).get('banks', userId))?.banks;
export const saveBanks = async (userId: string, banks: Bank[]) =>
  void (await (await database()).put('banks', { userId, banks, fetchedAt: new Date().toISOString() }));

export async function cachedRoster(userId: string, bankId: string): Promise<Roster | undefined> {
  const roster = await (await database()).get('rosters', bankId);
  return roster?.userId === userId ? roster : undefined;
}
export const saveRoster = async (roster: Roster) => void (await (await database()).put('rosters', roster));

export const queued = async () =>
  (await (await database()).getAll('queue')).sort((a, b) => b.savedAt.localeCompare(a.savedAt));
/** Everything saved on the phone for one meeting (its roll call and its corrections), oldest first. */
export const queuedFor = async (delivery: Pick<Batch['delivery'], 'bankId' | 'sessionId' | 'deliveredOn'>) =>
  (
    await (
      await database()
    ).getAllFromIndex('queue', 'byDelivery', [delivery.bankId, delivery.sessionId, delivery.deliveredOn])
  ).sort((a, b) => a.savedAt.localeCompare(b.savedAt));
export const putQueued = async (entry: QueuedRollCall) => void (await (await database()).put('queue', entry));
export const deleteQueued = async (id: string) => (await database()).delete('queue', id);

export const pendingRevocations = async () => (await database()).getAll('revocations');
export const putRevocation = async (note: PendingRevocation) =>
  void (await (await database()).put('revocations', note));
export const deleteRevocation = async (id: string) => (await database()).delete('revocations', id);
