import { z } from 'zod';
import { idSchema, nonEmptyText } from './common.ts';

const hexColour = z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: 'must be a colour written as #RRGGBB, like #8a3b12' });
const languageTag = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, { error: 'must be a language tag, like es, en or qu' });

/**
 * The organisation that publishes this copy of the curriculum (content/organisation.yaml).
 * Changing this file rebrands the site, the print views and the catalog.
 */
export const organisationSchema = z
  .object({
    /** Full name, e.g. "FINCA Perú". */
    name: nonEmptyText,
    /** Short name for tight spaces (the site header on a phone). */
    shortName: nonEmptyText,
    /** Logo file, relative to the content folder, e.g. assets/logo.svg. Optional. */
    logo: z
      .string()
      .regex(/\.(svg|png|jpe?g|webp)$/i, {
        error: 'must be an .svg, .png, .jpg or .webp file inside content/, like assets/logo.svg',
      })
      .optional(),
    /** Brand colours: `primary` for links, buttons and headings' accents. */
    colours: z.object({ primary: hexColour, secondary: hexColour.optional() }).default({ primary: '#8a3b12' }),
    /** Where people can write to the organisation. */
    contact: z.email({ error: 'must be an e-mail address' }).optional(),
    /** Address of the published site, used in the colophon and the catalog. */
    website: z.url({ error: 'must be a full address, like https://tejido.example.org' }).optional(),
    /** ISO 3166-1 alpha-2 country code, lower case. */
    country: z.string().regex(/^[a-z]{2}$/, { error: 'must be a two-letter country code, like pe' }),
    /** Region or regions where the organisation works, in words. */
    region: nonEmptyText.optional(),
    /** Which referral directory applies: content/referrals/<referralDirectory>.yaml. Defaults to the country. */
    referralDirectory: z
      .string()
      .regex(/^[a-z]{2}(-[a-z0-9-]+)?$/, { error: 'must name a file in content/referrals/ without .yaml, like pe' })
      .optional(),
    /**
     * Id of the handout that is the safety plan ("Mi plan de seguridad"). Every safety box links to
     * its page and its PDF, so it is required as soon as any session has a `safety` block.
     */
    safetyPlanHandout: idSchema.optional(),
    /** Language of the source content. */
    defaultLanguage: languageTag,
    /** Every language the site is offered in, with the name shown in the language switcher. The default language comes first. */
    languages: z
      .array(z.object({ code: languageTag, label: nonEmptyText }))
      .min(1)
      .optional(),
    /** Ids of the programmes this organisation runs; all programmes in content/ when absent. */
    programmes: z.array(idSchema).min(1).optional(),
    /**
     * Disclosure control of figures above the facilitator: counts of women from 1 to `hideUpTo`
     * are never shown to coordinators or admins, nor left where a subtraction would give them
     * back. Default 4 (1–4 hidden). Raise it for very small banks; never lower it below 4 lightly.
     */
    disclosure: z
      .object({
        hideUpTo: z
          .int({ error: 'must be a whole number' })
          .min(1, { error: 'must be at least 1' })
          .max(50, { error: 'must be at most 50' }),
      })
      .default({ hideUpTo: 4 }),
    /**
     * Roll calls. `correctionDays`: for how many days after the meeting its facilitator may still
     * correct the roll call (the last day is the meeting date plus this number). After that only an
     * admin can reopen it, for the same number of days from the reopening. Default 14.
     */
    attendance: z
      .object({
        correctionDays: z
          .int({ error: 'must be a whole number of days' })
          .min(1, { error: 'must be at least 1 day' })
          .max(366, { error: 'must be at most 366 days' })
          .default(14),
      })
      .default({ correctionDays: 14 }),
    /**
     * How long personal data are kept (Ley 29733: no longer than needed). `withdrawnMemberYears`:
     * a withdrawn member's name and code are erased once this many years have passed since her
     * withdrawal **and** since her last roll call (her attendance stays, under an anonymous id, so
     * the indicators do not change). Default 2. `auditLogYears`: how long the audit log is kept
     * before the operator prunes it as the database owner (README, "Retention"); the server's role
     * may only add to the log, so it never deletes from it. Default 5.
     */
    retention: z
      .object({
        withdrawnMemberYears: z
          .int({ error: 'must be a whole number of years' })
          .min(1, { error: 'must be at least 1 year' })
          .max(50, { error: 'must be at most 50 years' })
          .default(2),
        auditLogYears: z
          .int({ error: 'must be a whole number of years' })
          .min(1, { error: 'must be at least 1 year' })
          .max(50, { error: 'must be at most 50 years' })
          .default(5),
      })
      .default({ withdrawnMemberYears: 2, auditLogYears: 5 }),
  })
  .superRefine((org, ctx) => {
    if (org.languages && org.languages[0]?.code !== org.defaultLanguage) {
      ctx.addIssue({
        code: 'custom',
        path: ['languages'],
        message: `must start with the default language (${org.defaultLanguage})`,
      });
    }
  });

export type Organisation = z.output<typeof organisationSchema>;

/** The languages of the site, the default one first, with a label each. */
export function siteLanguages(org: Organisation): { code: string; label: string }[] {
  return org.languages ?? [{ code: org.defaultLanguage, label: org.defaultLanguage }];
}

/** The referral directory file the organisation uses. */
export const referralDirectoryOf = (org: Organisation) => org.referralDirectory ?? org.country;
