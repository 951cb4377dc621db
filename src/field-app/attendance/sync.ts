import { strings } from '../strings.ts';
import { NoConnection, Refusal, sendBatch } from './api.ts';
import { currentAccount, forgetAccount, putQueued, queued, type QueuedRollCall } from './store.ts';

export type SyncOutcome = 'done' | 'offline' | 'server-down' | 'signed-out';

/**
 * Sends every roll call still waiting, one batch each, oldest first. A batch is idempotent on the
 * server (client UUIDs), so a batch whose answer was lost is simply sent again and comes back
 * "unchanged". Nothing is ever deleted here: a refused batch stays on the phone with the reason.
 * Web Locks keep two open tabs from sending at the same moment.
 */
export async function syncQueue(onChange: () => void): Promise<SyncOutcome> {
  const run = () => sendWaiting(onChange);
  return 'locks' in navigator ? navigator.locks.request('tejido-attendance-sync', run) : run();
}

async function sendWaiting(onChange: () => void): Promise<SyncOutcome> {
  const account = await currentAccount();
  const waiting = (await queued()).filter((e) => e.status === 'pending').reverse();
  if (!waiting.length) return 'done';
  if (!account) return 'signed-out';
  for (const entry of waiting.filter((e) => e.userId === account.user.id)) {
    entry.attempts += 1;
    try {
      await sendBatch(account.token, { delivery: entry.delivery, records: entry.records.map(({ id, memberId, present }) => ({ id, memberId, present })) });
      await putQueued({ ...entry, status: 'sent', sentAt: new Date().toISOString(), problem: undefined });
    } catch (error) {
      if (error instanceof NoConnection) return save(entry, strings.sync.offline, onChange, 'offline');
      if (!(error instanceof Refusal) || error.status >= 500 || error.status === 429) return save(entry, strings.sync.serverDown, onChange, 'server-down');
      if (error.status === 401) {
        // The token expired or was revoked: the account is gone, the queue stays.
        await forgetAccount();
        return save(entry, strings.sync.signInToSend, onChange, 'signed-out');
      }
      await putQueued({ ...entry, ...explainRefusal(entry, error) });
    }
    onChange();
  }
  return 'done';
}

async function save(entry: QueuedRollCall, problem: string, onChange: () => void, outcome: SyncOutcome): Promise<SyncOutcome> {
  await putQueued({ ...entry, problem });
  onChange();
  return outcome;
}

/** The server's refusal in words a facilitator can act on; the entry is kept either way. */
export function explainRefusal(entry: QueuedRollCall, error: Refusal): Pick<QueuedRollCall, 'status' | 'problem'> {
  if (error.code === 'conflict') return { status: 'conflict', problem: strings.sync.conflict };
  if (error.status === 404 || error.status === 403) return { status: 'refused', problem: strings.sync.notYourBank };
  if (error.code === 'unprocessable' && error.message.includes('curriculum session')) return { status: 'refused', problem: strings.sync.unknownSession };
  const notMembers = error.rows.filter((r) => r.field === 'memberId').map((r) => entry.records[r.row]?.memberCode ?? '?');
  if (notMembers.length) return { status: 'refused', problem: strings.sync.notMembers(notMembers) };
  return { status: 'refused', problem: strings.sync.refused };
}
