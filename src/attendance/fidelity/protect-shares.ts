import { isSmall, type DisclosurePolicy } from '../disclosure/policy.ts';

/** One session's deliveries in one region: how many say their steps, and per core step how many did it. */
export interface RegionDeliveries {
  regionId: string;
  deliveries: number;
  done: ReadonlyMap<number, number>;
}

export interface SharesProtection {
  hiddenRegions: ReadonlySet<string>;
  organisationHidden: boolean;
}

/**
 * Which of one session's region figures (and the organisation's) are hidden. The numbers behind
 * a share are deliveries, not women, but one delivery is one facilitator's meeting: a share from
 * 1 to `hideUpTo` deliveries is hidden, never rounded. Then complementary suppression: the
 * organisation minus its published regions gives the pooled hidden regions, so that pool must
 * hold two regions or more and more than `hideUpTo` deliveries; regions are hidden smallest first
 * until it does, and the organisation when none is left. Every reader gets parts of this one
 * table, so putting an admin's and a coordinator's views side by side gives nothing more.
 */
export function protectShares(regions: readonly RegionDeliveries[], policy: DisclosurePolicy): SharesProtection {
  const held = regions.filter((r) => r.deliveries > 0);
  const hidden = new Set(held.filter((r) => isSmall(r.deliveries, policy)).map((r) => r.regionId));
  const pool = () => held.filter((r) => hidden.has(r.regionId));
  const pooled = () => pool().reduce((sum, r) => sum + r.deliveries, 0);
  const safePool = () => pool().length === 0 || (pool().length >= 2 && !isSmall(pooled(), policy));
  while (!safePool()) {
    const next = held.filter((r) => !hidden.has(r.regionId)).sort((a, b) => a.deliveries - b.deliveries)[0];
    if (!next) return { hiddenRegions: hidden, organisationHidden: true };
    hidden.add(next.regionId);
  }
  const total = held.reduce((sum, r) => sum + r.deliveries, 0);
  return { hiddenRegions: hidden, organisationHidden: isSmall(total, policy) };
}

/** The published share of `done` out of `deliveries`, two decimals; 0 when nothing was held. */
export const share = (done: number, deliveries: number) =>
  deliveries === 0 ? 0 : Math.round((done / deliveries) * 100) / 100;
