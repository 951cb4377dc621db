import { VOCABULARY_FILE } from '../schemas/vocabulary.ts';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseDocument, stringify } from 'yaml';
import { checkContent } from '../check.ts';
import { formatContentErrors } from '../content-error.ts';
import { sessionsOfManual, type Curriculum, type Manual } from '../resolve.ts';
import { snapshotOf } from '../upstream-snapshot.ts';
import { homePage, organisationYaml, starterReferrals } from './starter-files.ts';

/** The name a copy gives this curriculum: its snapshot is content/upstream/<UPSTREAM_NAME>.json. */
export const UPSTREAM_NAME = 'tejido';

export interface NewOrganisationOptions {
  /** The folder holding this curriculum's content/ (the upstream). */
  upstreamRoot: string;
  name: string;
  /** ISO 3166-1 alpha-2, any case. */
  country: string;
  /** The new content root; must be empty or absent unless `force`. */
  dir: string;
  /** Manual ids, or the prefix their session ids share (gv for gv-…); all manuals when absent. */
  manuals?: string[];
  force?: boolean;
  /** The snapshot's date, YYYY-MM-DD; today when absent. */
  today?: string;
}

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---(\r?\n|$)/;

/** Rewrites a page's frontmatter with `edit`, keeping its body (and the frontmatter's comments). */
function editFrontmatter(text: string, edit: (doc: ReturnType<typeof parseDocument>) => void): string {
  const match = FRONTMATTER.exec(text);
  if (!match) return text;
  const doc = parseDocument(match[1] ?? '');
  edit(doc);
  return `---\n${doc.toString({ lineWidth: 0 }).trimEnd()}\n---\n${text.slice(match[0].length)}`;
}

/** The common prefix of a manual's session ids ("gv" for gv-…), when they share one. */
function aliasOf(curriculum: Curriculum, manual: Manual): string | undefined {
  const prefixes = new Set(sessionsOfManual(curriculum, manual.id).map((s) => s.id.split('-')[0]));
  return prefixes.size === 1 ? [...prefixes][0] : undefined;
}

function pickManuals(curriculum: Curriculum, wanted: string[] | undefined): Manual[] {
  if (!wanted) return curriculum.manuals;
  return wanted.map((name) => {
    const manual = curriculum.manuals.find((m) => m.id === name || aliasOf(curriculum, m) === name);
    if (!manual) {
      const known = curriculum.manuals.map(
        (m) => `${m.id}${aliasOf(curriculum, m) ? ` (${aliasOf(curriculum, m)})` : ''}`,
      );
      throw new Error(`--manuals: there is no manual "${name}" — use one of: ${known.join(', ')}`);
    }
    return manual;
  });
}

/**
 * Makes a new organisation's content root from this curriculum: organisation.yaml, a starter
 * referral directory for its country (placeholders, never invented numbers), the chosen manuals
 * with their programme pages and handouts, every session an adaptation (`adaptedFrom`) of this
 * curriculum's session and version, and the upstream snapshot the build checks them against.
 */
export function newOrganisation(options: NewOrganisationOptions) {
  const country = options.country.toLowerCase();
  if (!/^[a-z]{2}$/.test(country))
    throw new Error(`--country: "${options.country}" is not a two-letter country code, like BO`);
  if (existsSync(options.dir) && readdirSync(options.dir).length > 0 && !options.force)
    throw new Error(`--dir: ${options.dir} is not empty — choose a new folder (or pass --force to write into it)`);
  const upstream = checkContent(options.upstreamRoot);
  if (upstream.errors.length || !upstream.curriculum || !upstream.organisation)
    throw new Error(
      `this curriculum's own content has errors; fix them first:\n${formatContentErrors(upstream.errors)}`,
    );
  const { curriculum, organisation } = upstream;
  const picked = pickManuals(curriculum, options.manuals);
  const programmes = curriculum.programmes.filter((p) => picked.some((m) => m.programme === p.id));
  // A programme's completion rule counts one of its manuals: that manual comes along, or the
  // copy's programme would have no rule it can keep.
  const ruled = new Set(programmes.map((p) => p.completionRule.manual));
  const manuals = curriculum.manuals.filter((m) => picked.includes(m) || ruled.has(m.id));
  const sessions = manuals.flatMap((m) => sessionsOfManual(curriculum, m.id));
  const safetyPlan = organisation.safetyPlanHandout;
  const handoutIds = new Set([...sessions.flatMap((s) => s.handouts), ...(safetyPlan ? [safetyPlan] : [])]);
  const handouts = curriculum.handouts.filter((h) => handoutIds.has(h.id));

  const from = (file: string) => join(options.upstreamRoot, file);
  const to = (file: string) => join(options.dir, file);
  const write = (file: string, text: string) => {
    mkdirSync(dirname(to(file)), { recursive: true });
    writeFileSync(to(file), text);
  };
  const adaptationCredit = { by: options.name, role: 'cambios', what: `Adaptación para ${country.toUpperCase()}` };

  for (const programme of programmes) {
    const kept = manuals.filter((m) => m.programme === programme.id);
    write(
      programme.file,
      editFrontmatter(readFileSync(from(programme.file), 'utf8'), (doc) => {
        doc.setIn(
          ['programme', 'manuals'],
          programme.manuals.filter((id) => kept.some((m) => m.id === id)),
        );
      }),
    );
  }
  for (const manual of manuals)
    write(
      manual.file,
      editFrontmatter(readFileSync(from(manual.file), 'utf8'), (doc) => {
        const credits = (doc.getIn(['manual', 'credits']) as { toJSON(): unknown[] } | undefined)?.toJSON() ?? [];
        doc.setIn(['manual', 'credits'], [...credits, adaptationCredit]);
      }),
    );
  for (const session of sessions)
    write(
      session.file,
      editFrontmatter(readFileSync(from(session.file), 'utf8'), (doc) => {
        doc.setIn(['session', 'adaptedFrom'], {
          curriculum: UPSTREAM_NAME,
          session: session.id,
          version: session.version,
        });
      }),
    );
  for (const handout of handouts) write(handout.file, readFileSync(from(handout.file), 'utf8'));

  // A directory needs one service at least, even when no copied session points at one yet.
  const used = [...new Set(sessions.flatMap((s) => s.safety?.referral ?? []))];
  if (used.length === 0) used.push('servicio-de-ayuda');
  const services = used.map((key) => ({
    key,
    upstreamName: curriculum.referrals.services.find((s) => s.key === key)?.name ?? key,
  }));
  const referrals = `content/referrals/${country}.yaml`;
  write(
    referrals,
    [
      `# Starter referral directory for ${country.toUpperCase()} (npm run new-organisation).`,
      '# Replace every POR COMPLETAR with facts checked with the service itself: npm run check lists them.',
      '# The keys are the ones the copied sessions use; rename a key here and in the sessions together.',
      stringify(starterReferrals(country, services), { lineWidth: 0 }),
    ].join('\n'),
  );
  write(
    'content/organisation.yaml',
    organisationYaml({
      name: options.name,
      country,
      programmes: programmes.map((p) => p.id),
      safetyPlanHandout: safetyPlan ?? '',
    }),
  );
  write('content/docs/index.mdx', homePage(options.name, organisation.name));
  cpSync(from('content/i18n'), to('content/i18n'), { recursive: true });
  // The copied sessions use this curriculum's audiences, methods and topics: the new organisation
  // starts with the same closed lists, and adds its own values there.
  cpSync(from(VOCABULARY_FILE), to(VOCABULARY_FILE));
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  write(
    `content/upstream/${UPSTREAM_NAME}.json`,
    `${JSON.stringify(snapshotOf(curriculum, organisation, UPSTREAM_NAME, today), null, 2)}\n`,
  );
  return {
    dir: options.dir,
    manuals: manuals.map((m) => m.id),
    sessions: sessions.length,
    upstream: UPSTREAM_NAME,
    referrals,
  };
}
