import highsLoader from 'highs';

/**
 * The attacker of the disclosure control: given every figure she was shown, as equations over
 * sets of banks, she works out the least and the greatest value each count of women can take
 * with an exact integer solver (HiGHS). A count is recovered when the two are equal.
 *
 * Each bank's women are split into categories: leader or not × for each programme, never
 * attended, attended without completing, completed. Every published figure is a sum of
 * categories over a set of banks; a bank can only hold women in a category its delivery list
 * allows (no counted session delivered → nobody attended there).
 */
export interface Knowledge {
  programmeIds: string[];
  /** Per bank, per programme: 0 no counted session delivered, 1 some, 2 enough to complete. */
  capability: Map<string, number[]>;
  /** Banks whose region trained no leader (the workshop list shows it): none of their women is one. */
  noLeaders?: Set<string>;
  equations: Equation[];
}

export interface Equation {
  banks: string[];
  count: string;
  value: number;
  /** Where she read it, for the failure message. */
  source: string;
}

export interface Target {
  banks: string[];
  count: string;
  truth: number;
  label: string;
}

type Category = { leader: boolean; status: number[] };

function categories(programmes: number): Category[] {
  let statuses: number[][] = [[]];
  for (let p = 0; p < programmes; p++) statuses = statuses.flatMap((s) => [0, 1, 2].map((x) => [...s, x]));
  return [false, true].flatMap((leader) => statuses.map((status) => ({ leader, status })));
}

/** Which categories a count sums: "enrolled", "leadersTrained", "notLeaders", "<programme>.<count>". */
function inCount(programmeIds: string[], count: string): (c: Category) => boolean {
  if (count === 'enrolled') return () => true;
  if (count === 'leadersTrained') return (c) => c.leader;
  if (count === 'notLeaders') return (c) => !c.leader;
  const dot = count.lastIndexOf('.');
  const p = programmeIds.indexOf(count.slice(0, dot));
  if (p < 0) throw new Error(`unknown programme in ${count}`);
  const s = (c: Category) => c.status[p] ?? 0;
  switch (count.slice(dot + 1)) {
    case 'attendedAtLeastOne':
      return (c) => s(c) >= 1;
    case 'completed':
      return (c) => s(c) === 2;
    case 'neverAttended':
      return (c) => s(c) === 0;
    case 'attendedNotCompleted':
      return (c) => s(c) === 1;
    case 'notCompleted':
      return (c) => s(c) <= 1;
  }
  throw new Error(`unknown count ${count}`);
}

export const countNames = (programmeIds: readonly string[]) => [
  'enrolled',
  'leadersTrained',
  'notLeaders',
  ...programmeIds.flatMap((p) =>
    ['attendedAtLeastOne', 'completed', 'neverAttended', 'attendedNotCompleted', 'notCompleted'].map(
      (c) => `${p}.${c}`,
    ),
  ),
];

let solver: Promise<Awaited<ReturnType<typeof highsLoader>>> | undefined;

/** The targets whose least and greatest possible values are equal: what she recovered. */
export async function recovered(knowledge: Knowledge, targets: Target[]): Promise<{ target: Target; value: number }[]> {
  const highs = await (solver ??= highsLoader());
  const cats = categories(knowledge.programmeIds.length);
  const banks = [...knowledge.capability.keys()];
  const variable = (bank: number, cat: number) => `x${bank}_${cat}`;
  const bankIndex = new Map(banks.map((b, i) => [b, i]));
  const allowed = (bank: string, c: Category) =>
    !(c.leader && knowledge.noLeaders?.has(bank)) &&
    c.status.every(
      (s, p) =>
        s <= (knowledge.capability.get(bank)?.[p] ?? 0) &&
        !(s === 1 && (knowledge.capability.get(bank)?.[p] ?? 0) === 0),
    );
  const sum = (bankIds: string[], count: string) => {
    const member = inCount(knowledge.programmeIds, count);
    const terms: string[] = [];
    for (const b of bankIds) {
      const i = bankIndex.get(b);
      if (i === undefined) throw new Error(`unknown bank ${b}`);
      cats.forEach((c, j) => {
        if (member(c) && allowed(b, c)) terms.push(variable(i, j));
      });
    }
    return terms.length ? terms.join(' + ') : '0 x_zero';
  };
  const constraints = knowledge.equations.map((e, i) => ` e${i}: ${sum(e.banks, e.count)} = ${e.value}`);
  const bounds: string[] = [' x_zero = 0'];
  const integers: string[] = [];
  banks.forEach((b, i) =>
    cats.forEach((c, j) => {
      if (allowed(b, c)) {
        bounds.push(` 0 <= ${variable(i, j)} <= 100000`);
        integers.push(variable(i, j));
      } else bounds.push(` ${variable(i, j)} = 0`);
    }),
  );
  const solve = (sense: 'Minimize' | 'Maximize', objective: string) => {
    const model = [
      sense,
      ` obj: ${objective}`,
      'Subject To',
      ...(constraints.length ? constraints : [' e_none: x_zero = 0']),
      'Bounds',
      ...bounds,
      'General',
      ` ${integers.join(' ')}`,
      'End',
    ].join('\n');
    const result = highs.solve(model, { presolve: 'on', mip_rel_gap: 0 });
    if (result.Status !== 'Optimal')
      throw new Error(`the solver answered ${result.Status} for ${sense} ${objective.slice(0, 80)}`);
    return Math.round(result.ObjectiveValue);
  };
  const found: { target: Target; value: number }[] = [];
  for (const target of targets) {
    const objective = sum(target.banks, target.count);
    const least = solve('Minimize', objective);
    const most = solve('Maximize', objective);
    if (least > target.truth || most < target.truth)
      throw new Error(
        `the attacker's model excludes the truth for ${target.label}: ${least}..${most} vs ${target.truth}`,
      );
    if (least === most) found.push({ target, value: least });
  }
  return found;
}
