import { NoConnection, Refusal, sendBatch, sendCorrection } from './api.ts';
import { meetingDate } from './dates.ts';
import { currentAccount, forgetAccount, putQueued, queued, type QueuedRollCall } from './store.ts';
import { plural, t, type Words } from './words.ts';

export type SyncOutcome = 'done' | 'offline' | 'server-down' | 'signed-out';

/**
 * Sends every roll call and correction still waiting, one request each, oldest first (a roll
 * call goes before its corrections). Both are idempotent on the server (client UUIDs), so one
 * whose answer was lost is simply sent again and comes back "unchanged". Nothing is ever deleted
 * here: a refused one stays on the phone with the reason. Web Locks keep two open tabs from
 * sending at the same moment.
 */
export async function syncQueue(onChange: () => void): Promise<SyncOutcome> {
  const run = () => sendWaiting(onChange);
  return 'locks' in navigator ? navigator.locks.request('tejido-attendance-sync', run) : run();
}

async function sendWaiting(onChange: () => void): Promise<SyncOutcome> {
  const account = await currentAccount();
  const all = await queued();
  const waiting = all.filter((e) => e.status === 'pending').reverse();
  if (!waiting.length) return 'done';
  if (!account) return 'signed-out';
  // A correction of a roll call the server refused cannot land: it waits with that roll call.
  const notOnServer = new Set(
    all
      .filter((e) => e.kind !== 'correction' && (e.status === 'conflict' || e.status === 'refused'))
      .map((e) => e.delivery.id),
  );
  for (const entry of waiting.filter((e) => e.userId === account.user.id)) {
    if (entry.kind === 'correction' && notOnServer.has(entry.delivery.id)) continue;
    entry.attempts += 1;
    try {
      const sent = await send(account.token, entry);
      await putQueued({ ...entry, ...sent, status: 'sent', sentAt: new Date().toISOString(), problem: undefined });
    } catch (error) {
      if (error instanceof NoConnection) return save(entry, t('sync.offline'), onChange, 'offline');
      if (!(error instanceof Refusal) || error.status >= 500 || error.status === 429)
        return save(entry, t('sync.serverDown'), onChange, 'server-down');
      if (error.status === 401) {
        // The token expired or was revoked: the account is gone, the queue stays.
        await forgetAccount();
        return save(entry, t('sync.signInToSend'), onChange, 'signed-out');
      }
      const explained = explainRefusal(entry, error);
      await putQueued({
        ...entry,
        ...explained,
        ...(explained.status === 'sent' ? { sentAt: new Date().toISOString() } : {}),
      });
      if (explained.status !== 'sent' && entry.kind !== 'correction') notOnServer.add(entry.delivery.id);
    }
    onChange();
  }
  return 'done';
}

/** One entry to the server: the whole roll call, or the marks a correction changes. */
async function send(
  token: string,
  entry: QueuedRollCall,
): Promise<Pick<QueuedRollCall, 'version' | 'correctableUntil'>> {
  if (entry.kind === 'correction') {
    const answer = await sendCorrection(token, entry.delivery.id, {
      id: entry.id,
      basedOn: entry.basedOn ?? 1,
      records: (entry.changes ?? []).map(({ memberId, present }) => ({ memberId, present })),
      ...(entry.stepsDone ? { stepsDone: entry.stepsDone } : {}),
    });
    return { version: answer.delivery.version, correctableUntil: answer.delivery.correctableUntil };
  }
  const records = entry.records.map(({ id, memberId, present }) => ({ id, memberId, present }));
  const answer = await sendBatch(token, {
    delivery: entry.delivery,
    records,
    ...(entry.stepsDone ? { stepsDone: entry.stepsDone } : {}),
  });
  return { version: answer.delivery.version, correctableUntil: answer.delivery.correctableUntil };
}

async function save(
  entry: QueuedRollCall,
  problem: string,
  onChange: () => void,
  outcome: SyncOutcome,
): Promise<SyncOutcome> {
  await putQueued({ ...entry, problem });
  onChange();
  return outcome;
}

/**
 * The server's refusal in words a facilitator can act on, read from its named rule (never from
 * the wording of its message); the entry is kept either way.
 */
export function explainRefusal(
  entry: QueuedRollCall,
  error: Refusal,
  words: Words = t,
): Pick<QueuedRollCall, 'status' | 'problem'> & Partial<Pick<QueuedRollCall, 'storedId' | 'correctableUntil'>> {
  switch (error.rule) {
    case 'delivery.same_meeting':
      return { status: 'conflict', problem: words('sync.sameMeeting'), storedId: error.storedId };
    case 'delivery.version_changed':
      return { status: 'conflict', problem: words('sync.versionChanged') };
    case 'delivery.correction_window_closed':
      return {
        status: 'refused',
        problem: words('sync.windowClosed', { until: meetingDate(error.correctableUntil ?? '') }),
        correctableUntil: error.correctableUntil,
      };
    case 'delivery.no_change':
      // The server already has these marks: nothing is waiting any more.
      return { status: 'sent', problem: words('sync.noChange') };
    case 'delivery.unknown_session':
      return { status: 'refused', problem: words('sync.unknownSession') };
    case 'delivery.future_date':
      return { status: 'refused', problem: words('sync.futureDate') };
    case 'delivery.steps_conflict':
      return { status: 'conflict', problem: words('sync.stepsConflict') };
    case 'delivery.step_out_of_range':
    case 'delivery.step_repeated':
      return { status: 'refused', problem: words('sync.stepsRefused') };
  }
  if (error.code === 'conflict') return { status: 'conflict', problem: words('sync.conflict') };
  if (error.status === 404 || error.status === 403) return { status: 'refused', problem: words('sync.notYourBank') };
  const notMembers = error.rows
    .filter((r) => r.rule === 'attendance.not_a_member')
    .map((r) => (entry.kind === 'correction' ? entry.changes?.[r.row] : entry.records[r.row])?.memberCode ?? '?');
  if (notMembers.length)
    return {
      status: 'refused',
      problem: plural(words, 'sync.notMembers', notMembers.length, { codes: notMembers.join(', ') }),
    };
  return { status: 'refused', problem: words('sync.refused') };
}
