import { z } from 'zod';

/**
 * Tejido's own interface strings, added to Starlight's translation system so every language
 * file under content/i18n/ can translate them. Spanish (es.json) is complete; others may fall back.
 */
export const uiStringsSchema = z.object({
  'tejido.prepare.title': z.string(),
  'tejido.prepare.minutes': z.string(),
  'tejido.prepare.order': z.string(),
  'tejido.prepare.counts': z.string(),
  'tejido.prepare.objectives': z.string(),
  'tejido.prepare.agenda': z.string(),
  'tejido.prepare.materials': z.string(),
  'tejido.prepare.before': z.string(),
  'tejido.prepare.keyMessages': z.string(),
  'tejido.safety.title': z.string(),
  'tejido.safety.never': z.string(),
  'tejido.safety.referrals': z.string(),
}).partial();
