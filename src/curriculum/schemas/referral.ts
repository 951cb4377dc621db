import { z } from 'zod';
import { idSchema, nonEmptyText } from './common.ts';
import { confidentialitySchema } from './confidentiality.ts';
import { localitySchema } from './locality.ts';

const languageTag = z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, { error: 'must be a language tag, like en or qu' });

/** A service's text in another language (`translations.<lang>`): what a page in that language shows. */
export const referralServiceTextSchema = z.object({
  /** Its name in that language; absent: the name people know it by (often the same, "Línea 100"). */
  name: nonEmptyText.optional(),
  /** What the service does, in that language. */
  what: nonEmptyText,
  /** How to reach it, in that language. */
  contact: nonEmptyText,
  /** When it is open, in that language. */
  hours: nonEmptyText,
  /** What it costs, in that language. */
  cost: nonEmptyText,
});

/** One service in a country's referral directory; sessions point at it by `key`. */
export const referralServiceSchema = z.object({
  /** Stable key sessions use, e.g. "linea-100". */
  key: idSchema,
  /** Name as people know it, e.g. "Línea 100". */
  name: nonEmptyText,
  /** What the service does for a woman or a child, in one or two sentences. */
  what: nonEmptyText,
  /** How to reach it: phone number, where it is, who to ask for. */
  contact: nonEmptyText,
  /** When it is open. */
  hours: nonEmptyText,
  /** What it costs ("Gratuito" for most). */
  cost: nonEmptyText,
  /**
   * The service's text for a translated side, by language tag (`en`), shown on that language's
   * pages; absent: those pages show the directory's own text. The key and the order stay the source's.
   */
  translations: z.record(languageTag, referralServiceTextSchema).optional(),
});

/** A service in the language a page is in: its translation where the directory has one. */
export function serviceIn(service: ReferralService, language: string | undefined): ReferralService {
  const text = language ? service.translations?.[language] : undefined;
  return text ? { ...service, ...text, name: text.name ?? service.name } : service;
}

/** A country's referral directory: one file per country under content/referrals/. */
export const referralDirectorySchema = z.object({
  /** ISO 3166-1 alpha-2 country code, lower case, e.g. "pe". */
  country: z.string().regex(/^[a-z]{2}$/, { error: 'must be a two-letter country code, like pe' }),
  /** Services in the order a facilitator would usually offer them. */
  services: z.array(referralServiceSchema).min(1),
  /**
   * What a facilitator can keep and what she cannot, and who must report what in this country.
   * Required: every safety box shows its `script` before a woman tells anything.
   */
  confidentiality: confidentialitySchema,
  /**
   * Local services by district. Usually written one file per region under
   * content/referrals/<country>/ and added here when the content is read; absent: national only.
   */
  localities: z.array(localitySchema).optional(),
});

export type ReferralService = z.output<typeof referralServiceSchema>;
export type ReferralDirectory = z.output<typeof referralDirectorySchema>;
