import { sessionsOfManual, type Curriculum } from '../curriculum/resolve.ts';
import type { ReferralService } from '../curriculum/schemas/index.ts';

/**
 * The services on a manual's "where to get help" handout: those its sessions refer to, in the
 * directory's order (the order a facilitator would usually offer them). A manual whose sessions
 * refer to none gets the whole directory, because a woman may disclose violence in any meeting.
 */
export function helpHandoutServices(curriculum: Curriculum, manualId: string): ReferralService[] {
  const cited = new Set(sessionsOfManual(curriculum, manualId).flatMap((s) => s.safety?.referral ?? []));
  const services = curriculum.referrals.services;
  return cited.size > 0 ? services.filter((s) => cited.has(s.key)) : services;
}
