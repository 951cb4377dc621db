// The disclosure control as it was before it kept each bank's counts (protect.ts, issue 13): the
// oracle the faster one must equal on every organisation (test/attendance/protect-equal.unit.test.ts).
import { isSmall, type DisclosurePolicy } from '../../src/attendance/disclosure/policy.ts';
import { derivedCounts, sumFigures } from '../../src/attendance/disclosure/person-figures.ts';
import { canExchange } from '../../src/attendance/disclosure/exchange.ts';
import type { BankFigures, OrganisationFigures, Protection } from '../../src/attendance/disclosure/protect.ts';

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
export function protectBefore(org: OrganisationFigures, policy: DisclosurePolicy): Protection {
  const small = (banks: readonly BankFigures[]) => smallCountsOf(banks, org.programmeIds, policy);
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
  const side = (b: BankFigures) => ({
    figures: b.figures,
    capability: b.capability,
    leadersPossible: leadersIn.get(b.regionId) ?? false,
  });
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
    if (!failing.bank) return (derivedCounts(b.figures).get(failing.count) ?? 0) > 0;
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
        const first = inside.find((h) => (derivedCounts(h.figures).get(name) ?? 0) > 0) ?? inside[0];
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
function smallCountsOf(
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
