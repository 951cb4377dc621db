import type { ContentError } from './content-error.ts';
import type { PageInput } from './resolve.ts';
import type { Aid, PageFrontmatter } from './schemas/index.ts';
import { aidShapeDifferences } from './aids.ts';
import { handoutSchema, manualSchema, programmeSchema, sessionSchema } from './schemas/index.ts';
import { fixedFieldsOf } from './schemas/fixed-in-translation.ts';

export type TranslationState = 'translated' | 'outdated' | 'missing';

export interface CoverageRow {
  language: string;
  slug: string;
  title: string;
  state: TranslationState;
  sourceVersion?: string;
  translatedFrom?: string;
}

/**
 * What a translation may change: human text. Everything else (ids, minutes, methods, order,
 * referral keys, completion rules) must stay as in the source, or the translated site would
 * teach a different session than the one attendance is recorded against.
 */
type ShortShape = { minutes: number; steps: { step: number; action: string; minutes?: number }[] };

/**
 * A translated short version keeps the source's plan (steps, actions, minutes) and translates only
 * its notes; a page without one shows none, so it may also leave it out.
 */
function checkShortVersion(
  page: PageInput,
  original: ShortShape | undefined,
  copy: ShortShape | undefined,
  fail: (page: PageInput, field: string, message: string) => void,
) {
  if (!copy) return;
  const plan = (short: ShortShape | undefined) =>
    short && {
      minutes: short.minutes,
      steps: short.steps.map(({ step, action, minutes }) => ({ step, action, minutes })),
    };
  if (JSON.stringify(plan(copy)) !== JSON.stringify(plan(original)))
    fail(
      page,
      'session.shortVersion',
      original
        ? "must keep the source's steps, actions and minutes — translate the notes (how) only"
        : 'the source has no short version — remove it, or add it to the source first',
    );
}

/** Each block's fixed fields, read from the tags on its schema (schemas/fixed-in-translation.ts). */
const fixedFields = {
  // Which fields are fixed does not depend on the vocabulary: the open schema says the same.
  session: fixedFieldsOf(sessionSchema()),
  manual: fixedFieldsOf(manualSchema()),
  programme: fixedFieldsOf(programmeSchema),
  handout: fixedFieldsOf(handoutSchema),
};

type Block = keyof typeof fixedFields;
const blocks = Object.keys(fixedFields) as Block[];

const versionOf = (data: PageFrontmatter, block: Block): string | undefined => {
  const meta = data[block] as { version?: string } | undefined;
  return meta?.version ?? (meta ? '1.0' : undefined);
};

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/**
 * Checks every translated page against its source page (same path under content/docs/<lang>/):
 * the source exists, the fixed fields match, `translatedFrom` is there. Returns errors, warnings
 * (outdated translations) and the coverage of each language.
 */
export function checkTranslations(language: string, sources: readonly PageInput[], translations: readonly PageInput[]) {
  const errors: ContentError[] = [];
  const warnings: ContentError[] = [];
  const bySlug = new Map(sources.map((p) => [p.slug, p]));
  const translated = new Map<string, { page: PageInput; outdated: boolean; translatedFrom?: string }>();
  const fail = (page: PageInput, field: string, message: string, list = errors) => {
    const path = field
      .split(/[.[\]]/)
      .filter(Boolean)
      .map((k) => (/^\d+$/.test(k) ? Number(k) : k));
    list.push({ file: page.file, line: page.lineOf?.(path), field, message });
  };

  for (const page of translations) {
    const sourceSlug = page.slug.replace(new RegExp(`^${language}(/|$)`), '');
    const source = bySlug.get(sourceSlug);
    if (!source) {
      fail(
        page,
        '',
        `translates content/docs/${sourceSlug || 'index'} (${sourceSlug ? `/${sourceSlug}/` : '/'}), ` +
          `which does not exist — fix the file's path or remove the translation`,
      );
      continue;
    }
    let outdated = false;
    let translatedFrom: string | undefined;
    for (const block of blocks) {
      const original = source.data[block] as Record<string, unknown> | undefined;
      const copy = page.data[block] as Record<string, unknown> | undefined;
      if (!original) continue;
      if (!copy) {
        fail(
          page,
          block,
          `is missing — the source (${source.file}) has a ${block} block: copy it and translate only its text`,
        );
        continue;
      }
      for (const field of fixedFields[block]) {
        if (JSON.stringify(copy[field]) !== JSON.stringify(original[field]))
          fail(
            page,
            `${block}.${field}`,
            `must be the same as in the source (${JSON.stringify(original[field])}) — translate text only`,
          );
      }
      if (block === 'session') {
        const a = original.agenda as { minutes: number; method: string; safety?: boolean }[];
        const b = (copy.agenda as { minutes: number; method: string; safety?: boolean }[]) ?? [];
        if (a.length !== b.length)
          fail(
            page,
            'session.agenda',
            `has ${b.length} steps but the source has ${a.length} — translate each step, keep their number`,
          );
        else
          a.forEach((step, i) => {
            if (b[i]?.minutes !== step.minutes || b[i]?.method !== step.method)
              fail(
                page,
                `session.agenda[${i}]`,
                `must keep the source's minutes and method (${step.minutes} min, ${step.method}) — translate the title only`,
              );
            // The panel reads safety marks from the source; a translation may repeat them, not change them.
            else if (b[i]?.safety !== undefined && b[i]?.safety !== (step.safety ?? false))
              fail(
                page,
                `session.agenda[${i}].safety`,
                `must be as in the source (${step.safety ?? false}) — or leave it out`,
              );
          });
        const shortOf = (block: Record<string, unknown>) => block.shortVersion as ShortShape | undefined;
        checkShortVersion(page, shortOf(original), shortOf(copy), fail);
        const keys = (original.safety as { referral?: string[] } | undefined)?.referral;
        const copyKeys = (copy.safety as { referral?: string[] } | undefined)?.referral;
        if (JSON.stringify(keys) !== JSON.stringify(copyKeys))
          fail(page, 'session.safety.referral', `must be the same as in the source (${JSON.stringify(keys)})`);
        const aidDifferences = aidShapeDifferences(original.aids as Aid[] | undefined, copy.aids as Aid[] | undefined);
        for (const [field, message] of aidDifferences) fail(page, field, message);
      }
      const from = copy.translatedFrom as string | undefined;
      const sourceVersion = versionOf(source.data, block) ?? '1.0';
      if (!from)
        fail(
          page,
          `${block}.translatedFrom`,
          `is missing — write the version of the source this was translated from, e.g. translatedFrom: "${sourceVersion}"`,
        );
      else if (compareVersions(from, sourceVersion) < 0) {
        outdated = true;
        fail(
          page,
          `${block}.translatedFrom`,
          `the translation is of version ${from} but the source is now ${sourceVersion} — update the translation, then translatedFrom`,
          warnings,
        );
      }
      translatedFrom ??= from;
    }
    translated.set(sourceSlug, { page, outdated, translatedFrom });
  }

  const coverage: CoverageRow[] = sources
    .filter((p) => blocks.some((b) => p.data[b]))
    .map((p) => {
      const t = translated.get(p.slug);
      const sourceVersion = blocks.map((b) => versionOf(p.data, b)).find(Boolean);
      return {
        language,
        slug: p.slug,
        title: p.data.title,
        state: !t ? 'missing' : t.outdated ? 'outdated' : 'translated',
        sourceVersion,
        translatedFrom: t?.translatedFrom,
      };
    });
  return { errors, warnings, coverage };
}
