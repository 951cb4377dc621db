import type { PersonFigures } from './person-figures.ts';

/**
 * Whether two hidden banks can trade one attribute between two of their women — a leader's
 * training, or one programme's attendance status — so that a count of the first bank changes
 * while every sum over both (a region, the organisation) stays the same. If they can, that count
 * is not pinned by the sums: another world, as consistent with everything published, gives it
 * another value. Each bank can only hold what its deliveries allow (`capability`: per programme,
 * 0 no counted session delivered, 1 some, 2 enough to complete) and leaders only where its region
 * trained some.
 */
export interface ExchangeSide {
  figures: PersonFigures;
  /** One digit per programme, in `programmeIds` order. */
  capability: string;
  /** Whether a woman of this bank can have been trained as a leader (her region trained leaders). */
  leadersPossible: boolean;
}

const statusSets: Record<string, number[]> = {
  attendedAtLeastOne: [1, 2],
  completed: [2],
  neverAttended: [0],
  attendedNotCompleted: [1],
  notCompleted: [0, 1],
};

export function canExchange(x: ExchangeSide, y: ExchangeSide, count: string, programmeIds: readonly string[]): boolean {
  if (count === 'enrolled') return canMove(x, y) || canMove(y, x);
  if (count === 'leadersTrained' || count === 'notLeaders') {
    const lx = x.figures.leadersTrained;
    const ly = y.figures.leadersTrained;
    // One woman loses her training and one gains it: the gaining bank must be in a region that trained leaders.
    return (
      (lx >= 1 && y.figures.enrolled - ly >= 1 && y.leadersPossible) ||
      (x.figures.enrolled - lx >= 1 && ly >= 1 && x.leadersPossible)
    );
  }
  const dot = count.lastIndexOf('.');
  const p = programmeIds.indexOf(count.slice(0, dot));
  const inX = statusSets[count.slice(dot + 1)];
  if (p < 0 || !inX) return false;
  const atX = statuses(x, programmeIds[p] ?? '');
  const atY = statuses(y, programmeIds[p] ?? '');
  const capX = Number(x.capability[p] ?? 0);
  const capY = Number(y.capability[p] ?? 0);
  for (const a of inX) {
    for (const b of [0, 1, 2].filter((s) => !inX.includes(s))) {
      // x's woman goes from a to b and y's from b to a, or the other way round.
      if ((atX[a] ?? 0) >= 1 && (atY[b] ?? 0) >= 1 && b <= capX && a <= capY) return true;
      if ((atX[b] ?? 0) >= 1 && (atY[a] ?? 0) >= 1 && a <= capX && b <= capY) return true;
    }
  }
  return false;
}

/** Women of a bank by status in one programme: never came, came without completing, completed. */
function statuses(side: ExchangeSide, programmeId: string): number[] {
  const p = side.figures.programmes[programmeId] ?? { attendedAtLeastOne: 0, completed: 0 };
  return [side.figures.enrolled - p.attendedAtLeastOne, p.attendedAtLeastOne - p.completed, p.completed];
}

/** A woman of `from` could belong to `to` instead: `to` delivered at least what `from` did. */
function canMove(from: ExchangeSide, to: ExchangeSide): boolean {
  return from.figures.enrolled >= 1 && [...from.capability].every((c, i) => Number(to.capability[i] ?? 0) >= Number(c));
}
