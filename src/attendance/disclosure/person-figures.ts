import type { PersonCells } from '../indicators/figures.ts';

/**
 * The counts of women a unit (a bank, a region, the organisation) publishes above the
 * facilitator: who is enrolled, who was trained as a leader and, per programme, who came at least
 * once and who completed. Activities and people reached at public events are not records about
 * the women of the programme and are published as they are.
 */
export type PersonFigures = Pick<Counts, 'enrolled' | 'leadersTrained'> & {
  /** Per programme id: who came at least once and who completed. */
  programmes: Record<string, Pick<Counts, 'attendedAtLeastOne' | 'completed'>>;
};
/** The API's counts of women (api-schemas.ts personCellsSchema) as plain numbers: names declared there. */
type Counts = { [K in keyof PersonCells]: number };

export const noPersons = (programmeIds: readonly string[]): PersonFigures => ({
  enrolled: 0,
  leadersTrained: 0,
  programmes: Object.fromEntries(programmeIds.map((p) => [p, { attendedAtLeastOne: 0, completed: 0 }])),
});

export function addFigures(a: PersonFigures, b: PersonFigures): PersonFigures {
  const programmes: PersonFigures['programmes'] = {};
  for (const p of new Set([...Object.keys(a.programmes), ...Object.keys(b.programmes)])) {
    const x = a.programmes[p] ?? { attendedAtLeastOne: 0, completed: 0 };
    const y = b.programmes[p] ?? { attendedAtLeastOne: 0, completed: 0 };
    programmes[p] = {
      attendedAtLeastOne: x.attendedAtLeastOne + y.attendedAtLeastOne,
      completed: x.completed + y.completed,
    };
  }
  return { enrolled: a.enrolled + b.enrolled, leadersTrained: a.leadersTrained + b.leadersTrained, programmes };
}

/** The figures of several units taken together (as addFigures, added into one total: 2,500 banks make no 2,500 objects). */
export function sumFigures(all: readonly PersonFigures[], programmeIds: readonly string[]): PersonFigures {
  const sum = noPersons(programmeIds);
  for (const f of all) {
    sum.enrolled += f.enrolled;
    sum.leadersTrained += f.leadersTrained;
    for (const [p, { attendedAtLeastOne, completed }] of Object.entries(f.programmes)) {
      const into = (sum.programmes[p] ??= { attendedAtLeastOne: 0, completed: 0 });
      into.attendedAtLeastOne += attendedAtLeastOne;
      into.completed += completed;
    }
  }
  return sum;
}

/**
 * Every count of women that can be worked out from a unit's published figures: the figures
 * themselves and their complements (enrolled − attended, attended − completed, enrolled −
 * completed, enrolled − leaders). protect.ts publishes a unit only if none of these is small.
 */
export function derivedCounts(f: PersonFigures): Map<string, number> {
  const counts = new Map<string, number>([
    ['enrolled', f.enrolled],
    ['leadersTrained', f.leadersTrained],
    ['notLeaders', f.enrolled - f.leadersTrained],
  ]);
  for (const [p, { attendedAtLeastOne: a, completed: c }] of Object.entries(f.programmes)) {
    counts.set(`${p}.attendedAtLeastOne`, a);
    counts.set(`${p}.completed`, c);
    counts.set(`${p}.neverAttended`, f.enrolled - a);
    counts.set(`${p}.attendedNotCompleted`, a - c);
    counts.set(`${p}.notCompleted`, f.enrolled - c);
  }
  return counts;
}
