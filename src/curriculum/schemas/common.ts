import { z } from 'zod';

/** A stable, URL-safe id: lower case letters, digits and hyphens. Ids never change once published. */
export const idSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
  error: 'must be lower-case letters, digits and hyphens, like "genero-y-violencia"',
});

/**
 * A calendar date written as YYYY-MM-DD. Astro's frontmatter parser turns an unquoted date into a
 * Date while ours keeps the text, so both are accepted and normalised to the text form.
 */
export const isoDateSchema = z.preprocess(
  (value) => (value instanceof Date && !Number.isNaN(value.valueOf()) ? value.toISOString().slice(0, 10) : value),
  z.iso.date({ error: 'must be a real date written as YYYY-MM-DD, like 2026-03-15' }),
);

/** A version of a content entry, as MAJOR.MINOR (e.g. 1.2): translations and deliveries record it. */
export const versionSchema = z.string().regex(/^\d+\.\d+(\.\d+)?$/, { error: 'must look like 1.0 or 1.2.3' });

/** A licence as an SPDX identifier, e.g. CC-BY-SA-4.0. */
export const licenceSchema = z
  .string()
  .regex(/^[A-Za-z0-9.+-]+$/, { error: 'must be an SPDX licence identifier, like CC-BY-SA-4.0' });

export const nonEmptyText = z.string().trim().min(1, { error: 'must not be empty' });
