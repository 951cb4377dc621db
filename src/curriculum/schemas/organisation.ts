import { z } from 'zod';
import { nonEmptyText } from './common.ts';

/**
 * The organisation that publishes this copy of the curriculum (content/organisation.yaml).
 * Changing this file rebrands the site, the print views and the catalog.
 */
export const organisationSchema = z.object({
  /** Full name, e.g. "FINCA Perú". */
  name: nonEmptyText,
  /** Short name for tight spaces (the site header on a phone). */
  shortName: nonEmptyText,
  /** ISO 3166-1 alpha-2 code, lower case: picks content/referrals/<country>.yaml. */
  country: z.string().regex(/^[a-z]{2}$/, { error: 'must be a two-letter country code, like pe' }),
  /** Language of the source content, as a BCP 47 tag, e.g. "es". */
  defaultLanguage: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, { error: 'must be a language tag, like es or es-PE' }),
  /** Where people can write to the organisation. */
  contact: z.email({ error: 'must be an e-mail address' }).optional(),
});

export type Organisation = z.output<typeof organisationSchema>;
