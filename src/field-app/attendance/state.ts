// What the attendance screen knows at this moment: the account, her banks, the roster shown, the
// roll call open and the marks. One object, changed only by controller.ts and read by view.ts.
import type { Account, Bank, Member, QueuedRollCall, Roster } from './store.ts';

/** The roll call already taken of the chosen meeting, opened to be corrected. */
export interface OpenRollCall {
  deliveryId: string;
  /** The marks as last saved: what a correction's changes are counted against. */
  saved: Map<string, boolean>;
  recordIds: Map<string, string>;
  /** The version the next correction is based on. */
  basedOn: number;
  correctableUntil?: string;
  /** Nothing can be changed: its window closed, or it is on the server and there is no signal to open it. */
  readOnly: false | 'closed' | 'offline';
  /** The latest thing saved on this phone for it, when its marks are the ones shown. */
  latest?: QueuedRollCall;
  /** This phone's roll call, never tried yet: a change rewrites it instead of queueing a correction. */
  unsentBatch?: QueuedRollCall;
}

export interface ScreenState {
  account?: Account;
  banks: Bank[];
  roster?: Roster;
  current?: OpenRollCall;
  /** Ids of the members marked present. */
  present: Set<string>;
  /** Marks or steps changed since the roll call was opened or saved. */
  dirty: boolean;
  /** The agenda steps ticked (0-based indexes). */
  stepsDone: Set<number>;
  /** Whether she touched the list at all (untouched: the roll call says nothing of steps). */
  stepsTouched: boolean;
}

export const state: ScreenState = {
  banks: [],
  present: new Set(),
  dirty: false,
  stepsDone: new Set(),
  stepsTouched: false,
};

/** The steps to send: in agenda order, or nothing when she left the list alone. */
export const stepsToSend = (s: ScreenState = state) =>
  s.stepsTouched ? [...s.stepsDone].sort((a, b) => a - b) : undefined;

/** The members whose mark a correction changes; one missing from the saved list counts only if marked present. */
export const changedMembers = (open: OpenRollCall, members: Member[], present: Set<string>) =>
  members.filter((m) => {
    const before = open.saved.get(m.id);
    return before === undefined ? present.has(m.id) : before !== present.has(m.id);
  });

/** Forgets the roster shown and everything marked on it. */
export function clearMarks(s: ScreenState = state) {
  s.roster = undefined;
  s.current = undefined;
  s.present.clear();
  s.dirty = false;
  s.stepsDone.clear();
  s.stepsTouched = false;
}
