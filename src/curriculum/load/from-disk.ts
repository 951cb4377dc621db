import { existsSync, globSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseYaml, validate } from './yaml-file.ts';
import type { ContentError } from '../content-error.ts';
import type { PageInput } from '../resolve.ts';
import { organisationSchema, pageFrontmatterSchema, referralDirectorySchema, type Organisation, type ReferralDirectory } from '../schemas/index.ts';

/** Where each kind of content lives, relative to the project root. */
export const contentPaths = {
  docs: 'content/docs',
  organisation: 'content/organisation.yaml',
  referrals: (country: string) => `content/referrals/${country}.yaml`,
} as const;

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---(\r?\n|$)/;

/** The page's URL path as Astro's glob loader derives it for these file names. */
export function slugOf(pathInDocs: string): string {
  return pathInDocs
    .split(sep)
    .join('/')
    .replace(/\.mdx?$/, '')
    .replace(/(^|\/)index$/, '')
    .toLowerCase();
}

/** Reads every page's frontmatter under content/docs; files starting with `_` are not pages. */
export function readPages(root: string, docsDir: string = contentPaths.docs): { pages: PageInput[]; errors: ContentError[]; brokenIds: Set<string> } {
  const base = join(root, docsDir);
  const pages: PageInput[] = [];
  const errors: ContentError[] = [];
  // Ids of pages whose frontmatter failed: references to them are not reported a second time.
  const brokenIds = new Set<string>();
  const files = globSync('**/[!_]*.{md,mdx}', { cwd: base }).sort();
  for (const pathInDocs of files) {
    const file = relative(root, join(base, pathInDocs)).split(sep).join('/');
    const text = readFileSync(join(base, pathInDocs), 'utf8');
    const match = FRONTMATTER.exec(text);
    if (!match) {
      errors.push({ file, line: 1, field: '', message: 'has no frontmatter — start the file with a --- block that has at least a title' });
      continue;
    }
    const parsed = parseYaml(match[1] ?? '', file, 2);
    const result = validate(pageFrontmatterSchema, parsed, file);
    errors.push(...result.errors);
    if (result.data) pages.push({ file, slug: slugOf(pathInDocs), data: result.data, lineOf: parsed.lineOf });
    else for (const id of declaredIds(parsed.value)) brokenIds.add(id);
  }
  return { pages, errors, brokenIds };
}

function declaredIds(frontmatter: unknown): string[] {
  if (!frontmatter || typeof frontmatter !== 'object') return [];
  return ['session', 'manual', 'programme'].flatMap((block) => {
    const id = (frontmatter as Record<string, { id?: unknown } | undefined>)[block]?.id;
    return typeof id === 'string' ? [id] : [];
  });
}

export function readYamlFile<T>(root: string, file: string, schema: import('zod').ZodType<T>, missing: string): { data?: T; errors: ContentError[] } {
  const path = join(root, file);
  if (!existsSync(path)) return { errors: [{ file, field: '', message: missing }] };
  return validate(schema, parseYaml(readFileSync(path, 'utf8'), file), file) as { data?: T; errors: ContentError[] };
}

export function readOrganisation(root: string): { data?: Organisation; errors: ContentError[] } {
  return readYamlFile(root, contentPaths.organisation, organisationSchema, 'is missing — create it with at least name, shortName, country and defaultLanguage');
}

export function readReferrals(root: string, country: string): { data?: ReferralDirectory; errors: ContentError[] } {
  return readYamlFile(
    root,
    contentPaths.referrals(country),
    referralDirectorySchema,
    `is missing — the organisation's country is "${country}" (content/organisation.yaml), so its referral directory must exist; copy content/referrals/pe.yaml and adapt it`,
  );
}
