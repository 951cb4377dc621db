import { z } from 'zod';
import { idSchema, nonEmptyText } from './common.ts';

/**
 * A phone number as a facilitator dials it: an optional "+<country code> ", then groups of digits
 * separated by single spaces (the first may be a one-digit area code), 3 to 15 digits in all
 * (E.164's limit). A checked shape catches a copied letter or a lost group, not a digit typed in
 * the wrong place, so every number still needs a person to check it against the service itself.
 */
const PHONE_SHAPE = /^(\+\d{1,3} )?\d{1,4}( \d{2,4}){0,4}$/;
function isDialable(phone: string): boolean {
  const digits = phone.replace(/^\+\d{1,3} /, '').replaceAll(' ', '').length;
  return PHONE_SHAPE.test(phone) && digits >= 3 && digits <= 15;
}
export const phoneSchema = z.string().refine(isDialable, {
  error: 'must be digits in groups separated by single spaces, like 066 312 345, +51 966 123 456 or +591 2 212 3456',
});

/** A language served, as an ISO 639 code in lower case: "es" (Spanish), "qu" (Quechua), "ay" (Aymara). */
export const languageCodeSchema = z
  .string()
  .regex(/^[a-z]{2,3}$/, { error: 'must be an ISO 639 language code, like es or qu' });

/**
 * A service in one locality: the local office of a national service (`kind`). Only what someone
 * checked goes here; every optional field left out is better than a wrong one.
 */
export const localServiceSchema = z.object({
  /** Stable key, unique within its locality, e.g. "cem-huamanga". */
  key: idSchema,
  /** Name as people there know it, e.g. "CEM de la Comisaría de Familia de Ayacucho". */
  name: nonEmptyText,
  /** Key of the national service this is a local office of, e.g. "cem" (must be in the country's directory). */
  kind: idSchema,
  /** Where it is, as a woman would find it: a building, a square, a street. */
  place: nonEmptyText,
  /** Phone number, only when checked with the service (see phoneSchema for the shape). */
  phone: phoneSchema.optional(),
  /** Days and hours it is open, only when checked, e.g. "Lunes a viernes, 8:00 a 16:15". */
  hours: nonEmptyText.optional(),
  /** How long it takes to get there from the community; the MFI's office fills it per community. */
  travelTime: nonEmptyText.optional(),
  /** What the trip costs from the community (a fare, not the service: services are free). */
  fare: nonEmptyText.optional(),
  /** Languages the staff serve in, when known, e.g. [es, qu]. */
  languages: z.array(languageCodeSchema).min(1).optional(),
});

/** A district (or other local area) and the local services a woman there can reach. */
export const localitySchema = z.object({
  /** Stable id, unique in the country, e.g. "ayacucho-huamanga-ayacucho" (region, province, district). */
  id: idSchema,
  /** First-level area, e.g. "Ayacucho". */
  region: nonEmptyText,
  /** Second-level area, e.g. "Huamanga". */
  province: nonEmptyText,
  /** The district a facilitator picks, e.g. "Ayacucho". */
  district: nonEmptyText,
  /** Its services, local ones first in the order a facilitator would offer them. */
  services: z.array(localServiceSchema).min(1),
});

/** A file of local services, one per region: content/referrals/<country>/<region>.yaml. */
export const localityFileSchema = z.object({
  /** The region's localities. */
  localities: z.array(localitySchema).min(1),
});

export type LocalService = z.output<typeof localServiceSchema>;
export type Locality = z.output<typeof localitySchema>;
