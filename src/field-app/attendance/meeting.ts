// Finds the roll call already taken of a meeting (bank, session, date), on this phone or on the
// server, so a meeting is never taken twice: the screen opens it and a change becomes a correction.
import { readRollCall } from './api.ts';
import { stillOpen } from './dates.ts';
import type { OpenRollCall } from './state.ts';
import { queuedFor, type Account, type Roster } from './store.ts';

export interface MeetingKey {
  bankId: string;
  sessionId: string;
  deliveredOn: string;
}

/** What finding needs from the screen: who is signed in, and what to do on the way. */
export interface FindContext {
  account?: Account;
  roster?: Roster;
  /** The delivery open now, so "opening…" is said only for another one. */
  openId?: string;
  /** Called before the server is asked for a roll call this phone does not have. */
  onOpening: () => void;
  /** Called with every error of a server read: true if it signed her out. */
  onError: (error: unknown) => Promise<unknown>;
}

export async function findRollCall(key: MeetingKey, ctx: FindContext): Promise<OpenRollCall | undefined> {
  const userId = ctx.account?.user.id;
  // Refused or conflicting entries never reached the server: they are listed below, not opened.
  const mine = (await queuedFor(key)).filter((e) => e.userId === userId);
  const usable = mine.filter((e) => e.status === 'pending' || e.status === 'sent');
  const server = ctx.roster?.rollCalls?.find((r) => r.sessionId === key.sessionId && r.deliveredOn === key.deliveredOn);
  const latest = usable.at(-1);
  if (!latest) {
    // On the server: in the bank's list, or named by the server when this phone's own roll call of it was refused.
    const storedId = server?.id ?? mine.find((e) => e.storedId)?.storedId;
    if (!storedId) return undefined;
    if (ctx.openId !== storedId) ctx.onOpening();
    return (
      (await fromServer(storedId, ctx)) ?? {
        deliveryId: storedId,
        saved: new Map(),
        recordIds: new Map(),
        basedOn: server?.version ?? 1,
        correctableUntil: server?.correctableUntil,
        readOnly: 'offline',
      }
    );
  }
  const deliveryId = latest.delivery.id;
  // The version the server will be at once everything queued has landed.
  let basedOn = 1;
  for (const e of usable)
    basedOn =
      e.status === 'sent' ? (e.version ?? basedOn) : e.kind === 'correction' ? (e.basedOn ?? basedOn) + 1 : basedOn;
  const waiting = usable.some((e) => e.status === 'pending');
  const onServer = server?.id === deliveryId ? server : undefined;
  // Nothing of it waits on the phone: with signal the server's copy is the one to correct (it may
  // have been corrected on another phone since); without, the phone's last copy.
  if (!waiting) {
    const remote = await fromServer(deliveryId, ctx);
    if (remote) return remote;
  }
  // The later of what the bank's list said and what the last answer said (an admin may have reopened it).
  const untils = [onServer?.correctableUntil, ...usable.map((e) => e.correctableUntil)]
    .filter((u): u is string => Boolean(u))
    .sort();
  const correctableUntil = untils.at(-1);
  // While something waits to be sent the server decides; it answers in the queue below.
  const closed = !waiting && !stillOpen(correctableUntil);
  return {
    deliveryId,
    saved: new Map(latest.records.map((r) => [r.memberId, r.present])),
    recordIds: new Map(latest.records.map((r) => [r.memberId, r.id])),
    basedOn,
    correctableUntil,
    readOnly: closed ? 'closed' : false,
    latest,
    unsentBatch:
      latest.kind !== 'correction' && latest.status === 'pending' && latest.attempts === 0 ? latest : undefined,
  };
}

/** A roll call as the server has it; undefined without signal. */
async function fromServer(deliveryId: string, ctx: FindContext): Promise<OpenRollCall | undefined> {
  if (!ctx.account) return undefined;
  try {
    const { delivery, attendance } = await readRollCall(ctx.account.token, deliveryId);
    return {
      deliveryId,
      saved: new Map(attendance.map((r) => [r.memberId, r.present])),
      recordIds: new Map(attendance.map((r) => [r.memberId, r.id])),
      basedOn: delivery.version,
      correctableUntil: delivery.correctableUntil,
      readOnly: delivery.correctable ? false : 'closed',
    };
  } catch (error) {
    await ctx.onError(error);
    return undefined;
  }
}
