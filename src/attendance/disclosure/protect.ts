import { isSmall, type DisclosurePolicy } from './policy.ts';
import { derivedCounts, sumFigures, type PersonFigures } from './person-figures.ts';
import { canExchange } from './exchange.ts';

/**
 * One bank's counts of women, and what anyone above the facilitator can see of its sessions:
 * `capability` says, per programme (one digit each, in `programmeIds` order), whether the bank
 * delivered no counted session (0), some (1) or enough to complete (2) — the delivery list shows
 * it, so the protection must not count on a woman having come where nothing was held.
 */
export interface BankFigures {
  id: string;
  regionId: string;
  figures: PersonFigures;
  capability: string;
}

export interface OrganisationFigures {
  programmeIds: readonly string[];
  regionIds: readonly string[];
  banks: readonly BankFigures[];
}

/** Which units' counts of women are hidden. A hidden unit hides all of them at once. */
export interface Protection {
  hiddenBanks: ReadonlySet<string>;
  hiddenRegions: ReadonlySet<string>;
  organisationHidden: boolean;
}

/**
 * Complementary suppression over the bank ⊂ region ⊂ organisation hierarchy, whole units at a time.
 *
 * Rules (README, "What each role sees"):
 * - unit-safe: a unit is published only if none of its counts or their complements is small;
 * - not-derivable: a hidden unit under a published parent has a hidden sibling, and a hidden region
 *   a hidden bank, so no subtraction of published figures gives it back;
 * - residual-safe: what a published parent minus its published children leaves (the pooled hidden
 *   units) is itself unit-safe;
 * - exchange: for each small count of a hidden unit there is a hidden partner under the same
 *   published parents such that trading one woman's attribute between the two (exchange.ts)
 *   changes that count and no published figure. Then at least two values of the count agree with
 *   everything published, even to an admin who knows each bank's roster size.
 * Units are hidden one at a time, the smallest that mends a broken rule first, until every rule
 * holds. Hiding more keeps every rule that held (sums of safe counts are safe, partners only grow),
 * so the loop ends; should it not settle within its bound, everything is hidden (fail closed).
 */
export function protect(org: OrganisationFigures, policy: DisclosurePolicy): Protection {
  // The loop asks for the small counts of many sets of banks: each bank's counts are worked out
  // once, and a set's are sums of them (linear in the banks, not in the banks times the rounds).
  const vectors = countVectors(org.banks, org.programmeIds);
  const small = (banks: readonly BankFigures[]) =>
    vectors ? vectors.small(banks, policy) : smallCountsOf(banks, org.programmeIds, policy);
  const countOf = (b: BankFigures, name: string) =>
    vectors ? vectors.value(b, name) : (derivedCounts(b.figures).get(name) ?? 0);
  const hiddenBanks = new Set(org.banks.filter((b) => small([b]).length > 0).map((b) => b.id));
  const banksOf = new Map(org.regionIds.map((r) => [r, org.banks.filter((b) => b.regionId === r)]));
  const regionFigures = new Map(
    [...banksOf].map(([r, banks]) => [
      r,
      sumFigures(
        banks.map((b) => b.figures),
        org.programmeIds,
      ),
    ]),
  );
  const hiddenRegions = new Set([...banksOf].filter(([, banks]) => small(banks).length > 0).map(([r]) => r));
  let organisationHidden = small(org.banks).length > 0;

  const leadersIn = new Map([...regionFigures].map(([r, f]) => [r, f.leadersTrained > 0]));
  const sides = new Map(
    org.banks.map((b) => [
      b,
      { figures: b.figures, capability: b.capability, leadersPossible: leadersIn.get(b.regionId) ?? false },
    ]),
  );
  const side = (b: BankFigures) =>
    sides.get(b) ?? {
      figures: b.figures,
      capability: b.capability,
      leadersPossible: leadersIn.get(b.regionId) ?? false,
    };
  const exchangeable = (x: BankFigures, y: BankFigures, count: string) =>
    canExchange(side(x), side(y), count, org.programmeIds);
  const hiddenIn = (r: string) => (banksOf.get(r) ?? []).filter((b) => hiddenBanks.has(b.id));
  const visibleIn = (r: string) => (banksOf.get(r) ?? []).filter((b) => !hiddenBanks.has(b.id));

  for (let round = 0; round <= org.banks.length + org.regionIds.length + 1; round++) {
    const step = nextStep();
    if (!step) return { hiddenBanks, hiddenRegions, organisationHidden };
    step();
  }
  return {
    hiddenBanks: new Set(org.banks.map((b) => b.id)),
    hiddenRegions: new Set(org.regionIds),
    organisationHidden: true,
  };

  /** The next unit to hide, or undefined when every rule holds. */
  function nextStep(): (() => void) | undefined {
    for (const r of org.regionIds) {
      const hidden = hiddenIn(r);
      if (hiddenRegions.has(r)) {
        // not-derivable: a hidden region whose banks are all published would be their sum.
        if (hidden.length === 0 && visibleIn(r).length > 0) return hideSmallestBank(r, undefined);
        continue;
      }
      if (hidden.length === 0) continue;
      const failing = poolFailure(hidden);
      if (failing === undefined) continue;
      if (visibleIn(r).length === 0) return () => hiddenRegions.add(r);
      return hideSmallestBank(r, failing);
    }
    if (organisationHidden) return undefined;
    const hiddenRegionIds = org.regionIds.filter((r) => hiddenRegions.has(r));
    if (hiddenRegionIds.length === 0) return undefined;
    const pool = hiddenRegionIds.flatMap(hiddenIn);
    const failing = poolFailure(pool) ?? regionFailure(hiddenRegionIds);
    if (failing === undefined) return undefined;
    // Cheapest first: another bank of a region already hidden, then another region, then the total.
    const banksInHidden = hiddenRegionIds.flatMap(visibleIn).filter((b) => helps(b, failing));
    if (banksInHidden.length) return hide(pick(banksInHidden, failing));
    const candidates = org.regionIds.filter(
      (r) => !hiddenRegions.has(r) && (banksOf.get(r) ?? []).some((b) => b.figures.enrolled > 0),
    );
    if (candidates.length === 0) return () => (organisationHidden = true);
    const preferred = candidates.filter((r) => (banksOf.get(r) ?? []).some((b) => helps(b, failing)));
    const region = smallest(preferred.length ? preferred : candidates, (r) => regionFigures.get(r)?.enrolled ?? 0);
    return () => hiddenRegions.add(region);
  }

  function hide(bank: BankFigures) {
    return () => hiddenBanks.add(bank.id);
  }

  /** The bank to hide next: one that mends the failure if there is one, else one with women; smallest first. */
  function pick(candidates: readonly BankFigures[], failing: Failure | undefined): BankFigures {
    const mending = failing ? candidates.filter((b) => helps(b, failing)) : [];
    const withWomen = candidates.filter((b) => b.figures.enrolled > 0);
    const pool = mending.length ? mending : withWomen.length ? withWomen : candidates;
    return smallest(pool, (b) => b.figures.enrolled);
  }

  /** Whether hiding bank b too mends the failure: it adds to a small pooled count, or can swap with the bank in want. */
  function helps(b: BankFigures, failing: Failure): boolean {
    if (!failing.bank) return countOf(b, failing.count) > 0;
    return exchangeable(failing.bank, b, failing.count);
  }

  function hideSmallestBank(regionId: string, failing: Failure | undefined) {
    return hide(pick(visibleIn(regionId), failing));
  }

  /** The first rule a pool of hidden banks under one published parent breaks, if any. */
  function poolFailure(pool: readonly BankFigures[]): Failure | undefined {
    const pooled = small(pool);
    if (pooled.length) return { count: pooled[0] ?? '' };
    for (const h of pool) {
      for (const name of small([h])) {
        // A count the deliveries settle (nobody came where nothing was held) is the bank's size: a move changes it.
        const how = fixedByDeliveries(h, name, org.programmeIds) ? 'enrolled' : name;
        if (!pool.some((g) => g !== h && exchangeable(h, g, how))) return { count: how, bank: h };
      }
    }
    return undefined;
  }

  /** A hidden region's small count must be able to change by a swap with another hidden region. */
  function regionFailure(hiddenRegionIds: readonly string[]): Failure | undefined {
    for (const r of hiddenRegionIds) {
      const inside = hiddenIn(r);
      const outside = hiddenRegionIds.filter((o) => o !== r).flatMap(hiddenIn);
      for (const name of small(banksOf.get(r) ?? [])) {
        const how = (h: BankFigures) => (fixedByDeliveries(h, name, org.programmeIds) ? 'enrolled' : name);
        const ok = inside.some((h) => outside.some((g) => exchangeable(h, g, how(h))));
        const first = inside.find((h) => countOf(h, name) > 0) ?? inside[0];
        if (!ok) return { count: first ? how(first) : name, bank: first };
      }
    }
    return undefined;
  }
}

/** A broken rule: the small count at stake and, for a missing swap partner, the bank that needs one. */
interface Failure {
  count: string;
  bank?: BankFigures;
}

/**
 * The small counts of a set of banks taken together: the sums themselves, and the part of each
 * sum that the delivery lists leave open. Where a bank held no counted session its women never
 * came, and the admin knows from the roster how many they are; subtracting them from a sum must
 * not leave a small count either.
 */
export function smallCountsOf(
  banks: readonly BankFigures[],
  programmeIds: readonly string[],
  policy: DisclosurePolicy,
): string[] {
  const totals = new Map<string, number>();
  const open = new Map<string, number>();
  for (const b of banks) {
    for (const [name, n] of derivedCounts(b.figures)) {
      totals.set(name, (totals.get(name) ?? 0) + n);
      if (!fixedByDeliveries(b, name, programmeIds)) open.set(name, (open.get(name) ?? 0) + n);
    }
  }
  return [...totals.keys()].filter(
    (name) => isSmall(totals.get(name) ?? 0, policy) || isSmall(open.get(name) ?? 0, policy),
  );
}

/**
 * Every bank's derived counts as two rows of numbers, in one order of names: all of them (`totals`)
 * and the part the delivery lists leave open (`open`). The small counts of a set of banks are then
 * sums of rows, as `smallCountsOf` gives them, names in the same order. Undefined when the banks do
 * not all have the same names in the same order (then that order depends on the set, and the
 * caller uses `smallCountsOf` itself).
 */
function countVectors(banks: readonly BankFigures[], programmeIds: readonly string[]) {
  const first = banks[0];
  if (!first) return undefined;
  const names = [...derivedCounts(first.figures).keys()];
  const index = new Map(names.map((name, i) => [name, i]));
  const programmeKeys = Object.keys(first.figures.programmes);
  // Per name, which programme's deliveries may settle it and how (fixedByDeliveries), worked out once.
  const settles = names.map((name) => {
    const dot = name.lastIndexOf('.');
    if (dot < 0) return undefined;
    return { p: programmeIds.indexOf(name.slice(0, dot)), what: name.slice(dot + 1) };
  });
  const rows = new Map<BankFigures, { totals: number[]; open: number[]; small?: string[] }>();
  for (const b of banks) {
    const keys = Object.keys(b.figures.programmes);
    if (keys.length !== programmeKeys.length || keys.some((k, i) => k !== programmeKeys[i])) return undefined;
    // derivedCounts' order (person-figures.ts): enrolled, leaders, not leaders, then five per programme.
    const f = b.figures;
    const totals = [f.enrolled, f.leadersTrained, f.enrolled - f.leadersTrained];
    for (const k of keys) {
      const { attendedAtLeastOne: a, completed: c } = f.programmes[k] ?? { attendedAtLeastOne: 0, completed: 0 };
      totals.push(a, c, f.enrolled - a, a - c, f.enrolled - c);
    }
    const open = totals.map((n, i) => {
      const how = settles[i];
      if (!how) return n;
      const cap = Number(b.capability[how.p] ?? 0);
      const fixed = cap === 0 || (cap === 1 && (how.what === 'completed' || how.what === 'notCompleted'));
      return fixed ? 0 : n;
    });
    rows.set(b, { totals, open });
  }
  const rowOf = (b: BankFigures) => {
    const row = rows.get(b);
    if (!row) throw new Error('protect: a bank outside the organisation table was asked about.');
    return row;
  };
  const smallOf = (totals: ArrayLike<number>, open: ArrayLike<number>, policy: DisclosurePolicy) =>
    names.filter((_, i) => isSmall(totals[i] ?? 0, policy) || isSmall(open[i] ?? 0, policy));
  return {
    small(set: readonly BankFigures[], policy: DisclosurePolicy): string[] {
      if (set.length === 1 && set[0]) {
        // One bank's small counts are asked for again and again: kept with its row.
        const row = rowOf(set[0]);
        return (row.small ??= smallOf(row.totals, row.open, policy));
      }
      const totals = names.map(() => 0);
      const open = names.map(() => 0);
      for (const b of set) {
        const row = rowOf(b);
        for (let i = 0; i < names.length; i++) {
          totals[i] = (totals[i] ?? 0) + (row.totals[i] ?? 0);
          open[i] = (open[i] ?? 0) + (row.open[i] ?? 0);
        }
      }
      return smallOf(totals, open, policy);
    },
    value(b: BankFigures, name: string): number {
      const i = index.get(name);
      return i === undefined ? 0 : (rowOf(b).totals[i] ?? 0);
    },
  };
}

/** A count the bank's delivery list settles by itself: nobody came where nothing was held, nobody completed where too little was. */
function fixedByDeliveries(b: BankFigures, name: string, programmeIds: readonly string[]): boolean {
  const dot = name.lastIndexOf('.');
  if (dot < 0) return false;
  const cap = Number(b.capability[programmeIds.indexOf(name.slice(0, dot))] ?? 0);
  const what = name.slice(dot + 1);
  return cap === 0 || (cap === 1 && (what === 'completed' || what === 'notCompleted'));
}

function smallest<T>(items: readonly T[], size: (item: T) => number): T {
  return [...items].sort((a, b) => size(a) - size(b))[0] as T;
}
