// The entry a save puts in the phone's queue: a new roll call (every mark), a correction (the
// marks that changed, based on the version open), or this phone's unsent roll call rewritten.
import { changedMembers, type OpenRollCall } from './state.ts';
import type { Bank, Member, QueuedRollCall } from './store.ts';

export interface Draft {
  userId: string;
  bank: Bank;
  sessionId: string;
  sessionTitle: string;
  deliveredOn: string;
  members: Member[];
  present: Set<string>;
  /** The steps to send, or undefined when she left the list alone. */
  steps?: number[];
  /** The roll call open, when this save corrects it. */
  open?: OpenRollCall;
}

/** The queued entry, or the number of changed marks is 0 and no steps: then nothing to save. */
export function draftEntry(d: Draft): { entry: QueuedRollCall; changes: number } | undefined {
  const base = {
    userId: d.userId,
    bankCode: d.bank.code,
    sessionTitle: d.sessionTitle,
    savedAt: new Date().toISOString(),
    status: 'pending' as const,
    attempts: 0,
  };
  const delivery = (id: string) => ({ id, bankId: d.bank.id, sessionId: d.sessionId, deliveredOn: d.deliveredOn });
  const marks = (recordIds?: Map<string, string>) =>
    // Codes and ids only: the queue outlives a sign-out, names must not.
    d.members.map((m) => ({
      id: recordIds?.get(m.id) ?? crypto.randomUUID(),
      memberId: m.id,
      memberCode: m.memberCode,
      present: d.present.has(m.id),
    }));
  const open = d.open;
  if (!open) {
    const id = crypto.randomUUID();
    const stepsPart = d.steps ? { stepsDone: d.steps } : {};
    return {
      entry: { ...base, id, kind: 'batch', delivery: delivery(id), records: marks(), ...stepsPart },
      changes: 0,
    };
  }
  const changes = changedMembers(open, d.members, d.present);
  if (!changes.length && !d.steps) return undefined;
  // A correction of the steps alone still names one mark (the API wants one): unchanged, so it changes nothing.
  const sent = changes.length ? changes : d.members.slice(0, 1);
  const stepsPart = d.steps ? { stepsDone: d.steps } : {};
  const entry: QueuedRollCall = open.unsentBatch
    ? {
        ...open.unsentBatch,
        ...base,
        records: marks(open.recordIds),
        ...(d.steps ? stepsPart : { stepsDone: open.unsentBatch.stepsDone }),
      }
    : {
        ...base,
        id: crypto.randomUUID(),
        kind: 'correction',
        delivery: delivery(open.deliveryId),
        basedOn: open.basedOn,
        changes: sent.map((m) => ({ memberId: m.id, memberCode: m.memberCode, present: d.present.has(m.id) })),
        records: marks(open.recordIds),
        // Steps not touched this time are the version before's, on the server and here.
        stepsDone: d.steps ?? open.latest?.stepsDone,
        ...stepsPart,
      };
  return { entry, changes: changes.length };
}
