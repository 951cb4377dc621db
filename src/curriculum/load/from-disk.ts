import { existsSync, globSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseYaml, validate } from './yaml-file.ts';
import type { ContentError } from '../content-error.ts';
import type { BrokenIds, PageInput } from '../resolve.ts';
import { slugOf } from './slug.ts';
import {
  organisationSchema,
  pageFrontmatterSchema,
  referralDirectorySchema,
  type Organisation,
  type ReferralDirectory,
} from '../schemas/index.ts';
import { localityFileSchema } from '../schemas/locality.ts';
import type { LocalityFile } from '../localities.ts';
import type { Vocabulary } from '../schemas/vocabulary.ts';

/** Where each kind of content lives, relative to the project root. */
export const contentPaths = {
  docs: 'content/docs',
  organisation: 'content/organisation.yaml',
  referrals: (country: string) => `content/referrals/${country}.yaml`,
  /** One file of local services per region, beside the country's directory. */
  localities: (country: string) => `content/referrals/${country}`,
} as const;

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---(\r?\n|$)/;

/**
 * Reads every page's frontmatter under content/docs; files starting with `_` are not pages.
 * Pages under a translation's folder (content/docs/en/…) are left out: pass those folders in
 * `skipDirs`, or pass `onlyDir` to read one translation's pages. Pages are checked against the
 * schema built from `vocabulary` (content/vocabulary.yaml; undefined when that file failed).
 */
export function readPages(
  root: string,
  options: { skipDirs?: readonly string[]; onlyDir?: string; vocabulary?: Vocabulary } = {},
): { pages: PageInput[]; errors: ContentError[]; broken: BrokenIds } {
  const base = join(root, contentPaths.docs);
  const schema = pageFrontmatterSchema({ vocabulary: options.vocabulary });
  const pages: PageInput[] = [];
  const errors: ContentError[] = [];
  // Ids of pages whose frontmatter failed: references to them are not reported a second time.
  const broken: BrokenIds = { session: new Set(), manual: new Set(), programme: new Set(), handout: new Set() };
  const files = globSync('**/[!_]*.{md,mdx}', { cwd: base })
    .map((f) => f.split(sep).join('/'))
    .filter((f) =>
      options.onlyDir ? f.startsWith(`${options.onlyDir}/`) : !options.skipDirs?.some((dir) => f.startsWith(`${dir}/`)),
    )
    .sort();
  for (const pathInDocs of files) {
    const file = relative(root, join(base, pathInDocs)).split(sep).join('/');
    const text = readFileSync(join(base, pathInDocs), 'utf8');
    const match = FRONTMATTER.exec(text);
    if (!match) {
      errors.push({
        file,
        line: 1,
        field: '',
        message: 'has no frontmatter — start the file with a --- block that has at least a title',
      });
      continue;
    }
    const parsed = parseYaml(match[1] ?? '', file, 2);
    const result = validate(schema, parsed, file);
    errors.push(...result.errors);
    if (result.data)
      pages.push({
        file,
        // The route Astro gives the page: a frontmatter `slug:` as written, else the path slugified.
        slug: slugOf(pathInDocs, (parsed.value as { slug?: unknown } | undefined)?.slug),
        data: result.data,
        lineOf: parsed.lineOf,
        body: text.slice(match[0].length),
      });
    else for (const [block, id] of declaredIds(parsed.value)) broken[block].add(id);
  }
  return { pages, errors, broken };
}

function declaredIds(frontmatter: unknown): [keyof BrokenIds, string][] {
  if (!frontmatter || typeof frontmatter !== 'object') return [];
  return (['session', 'manual', 'programme', 'handout'] as const).flatMap((block) => {
    const id = (frontmatter as Record<string, { id?: unknown } | undefined>)[block]?.id;
    return typeof id === 'string' ? [[block, id] as [keyof BrokenIds, string]] : [];
  });
}

export function readYamlFile<T>(
  root: string,
  file: string,
  schema: import('zod').ZodType<T>,
  missing: string,
): { data?: T; errors: ContentError[] } {
  const path = join(root, file);
  if (!existsSync(path)) return { errors: [{ file, field: '', message: missing }] };
  return validate(schema, parseYaml(readFileSync(path, 'utf8'), file), file) as { data?: T; errors: ContentError[] };
}

/**
 * Reads the organisation config. When optional fields are wrong (a bad colour, say) they are
 * reported and then left out, so the rest of the content is still checked in the same run.
 */
export function readOrganisation(root: string): { data?: Organisation; errors: ContentError[] } {
  const result = readYamlFile(
    root,
    contentPaths.organisation,
    organisationSchema,
    'is missing — create it with at least name, shortName, country and defaultLanguage',
  );
  if (result.data || !result.errors.length) return result;
  const path = join(root, contentPaths.organisation);
  if (!existsSync(path)) return result;
  const raw = parseYaml(readFileSync(path, 'utf8'), contentPaths.organisation).value;
  if (!raw || typeof raw !== 'object') return result;
  const wrongFields = new Set(result.errors.map((e) => e.field.split(/[.[]/)[0]));
  const lenient = organisationSchema.safeParse(
    Object.fromEntries(Object.entries(raw).filter(([key]) => !wrongFields.has(key))),
  );
  return { data: lenient.success ? lenient.data : undefined, errors: result.errors };
}

export function readReferrals(root: string, directory: string): { data?: ReferralDirectory; errors: ContentError[] } {
  return readYamlFile(
    root,
    contentPaths.referrals(directory),
    referralDirectorySchema,
    `is missing — content/organisation.yaml asks for the referral directory "${directory}", ` +
      `so this file must exist; copy content/referrals/pe.yaml and adapt it to your country`,
  );
}

/** Every region's file of local services (content/referrals/<country>/*.yaml), each checked by its schema. */
export function readLocalityFiles(root: string, country: string): { files: LocalityFile[]; errors: ContentError[] } {
  const folder = contentPaths.localities(country);
  const base = join(root, folder);
  if (!existsSync(base)) return { files: [], errors: [] };
  const files: LocalityFile[] = [];
  const errors: ContentError[] = [];
  for (const name of globSync('*.{yaml,yml}', { cwd: base }).sort()) {
    const file = `${folder}/${name}`;
    const parsed = parseYaml(readFileSync(join(base, name), 'utf8'), file);
    const result = validate(localityFileSchema, parsed, file);
    errors.push(...result.errors);
    if (result.data) files.push({ file, localities: result.data.localities, lineOf: parsed.lineOf });
  }
  return { files, errors };
}
