import type { RuledContentError } from './content-error.ts';
import { curriculumRules } from './rules/index.ts';
import { fieldPath, runRules } from './rules/rule.ts';
import type {
  Credit,
  ManualMeta,
  PageFrontmatter,
  ProgrammeMeta,
  ReferralDirectory,
  ReferralService,
  SessionMeta,
} from './schemas/index.ts';

/** A content page after its frontmatter passed the schema: what the resolver starts from. */
export interface PageInput {
  /** Path from the project root, for error messages. */
  file: string;
  /** The page's URL path without slashes at either end, e.g. imagen-peru/genero-y-violencia/sesion-1 */
  slug: string;
  data: PageFrontmatter;
  /** Line of a frontmatter field in the file, when the reader knows it. */
  lineOf?: (path: readonly PropertyKey[]) => number | undefined;
  /** The MDX body after the frontmatter, when read from disk (the content lint measures it). */
  body?: string;
}

interface PageRef {
  title: string;
  description: string;
  slug: string;
  file: string;
}

export interface Programme extends ProgrammeMeta, PageRef {}
export interface Manual extends ManualMeta, PageRef {
  /** Id of the programme that lists this manual. */
  programme: string;
}
export interface Session extends Omit<SessionMeta, 'credits'>, PageRef {
  /** The session's own credits, or its manual's. */
  credits: Credit[];
  /** The page description, shown as the session's summary. */
  summary: string;
  programme: string;
  manual: string;
  /** 1-based position in its manual's `sessions` list. */
  order: number;
}

export interface BrokenIds {
  handout: Set<string>;
  session: Set<string>;
  manual: Set<string>;
  programme: Set<string>;
}

export interface Handout extends PageRef {
  id: string;
}

export interface Curriculum {
  programmes: Programme[];
  handouts: Handout[];
  manuals: Manual[];
  sessions: Session[];
  referrals: ReferralDirectory;
}

/**
 * Links sessions, manuals and programmes, then runs every cross-page rule of the registry
 * (src/curriculum/rules/) on the result. Returns every problem found, not only the first, each
 * named by its rule.
 */
export function resolveCurriculum(
  pages: readonly PageInput[],
  referrals: ReferralDirectory,
  /** Ids declared by pages that failed their schema: already reported, so their consequences are not reported again. */
  broken: BrokenIds = { session: new Set(), manual: new Set(), programme: new Set(), handout: new Set() },
): { curriculum: Curriculum; errors: RuledContentError[] } {
  const curriculum = linkCurriculum(pages, referrals);
  const lineReaders = new Map(pages.map((p) => [p.file, p.lineOf]));
  const errors = runRules(curriculumRules, { pages, curriculum, broken }, (file, field) =>
    lineReaders.get(file)?.(fieldPath(field)),
  );
  return { curriculum, errors };
}

/**
 * Links the pages without judging them: the first page with an id wins it, a manual belongs to the
 * first programme that lists it and a session to the first manual. The rules report the rest.
 */
function linkCurriculum(pages: readonly PageInput[], referrals: ReferralDirectory): Curriculum {
  const firstById = <T extends { id: string }>(pick: (d: PageFrontmatter) => T | undefined) => {
    const byId = new Map<string, { meta: T; page: PageInput }>();
    for (const page of pages) {
      const meta = pick(page.data);
      if (meta && !byId.has(meta.id)) byId.set(meta.id, { meta, page });
    }
    return byId;
  };
  const sessionsById = firstById<SessionMeta>((d) => d.session);
  const manualsById = firstById<ManualMeta>((d) => d.manual);
  const programmesById = firstById<ProgrammeMeta>((d) => d.programme);
  const handoutsById = firstById<{ id: string }>((d) => d.handout);

  const ref = (page: PageInput): PageRef => ({
    title: page.data.title,
    description: page.data.description ?? '',
    slug: page.slug,
    file: page.file,
  });

  const programmeOfManual = new Map<string, string>();
  const programmes: Programme[] = [...programmesById.values()].map(({ meta, page }) => {
    for (const id of meta.manuals)
      if (manualsById.has(id) && !programmeOfManual.has(id)) programmeOfManual.set(id, meta.id);
    return { ...meta, ...ref(page) };
  });

  const placeOfSession = new Map<string, { manual: string; order: number }>();
  const manuals: Manual[] = [...manualsById.values()].map(({ meta, page }) => {
    meta.sessions.forEach((id, i) => {
      if (sessionsById.has(id) && !placeOfSession.has(id)) placeOfSession.set(id, { manual: meta.id, order: i + 1 });
    });
    return { ...meta, ...ref(page), programme: programmeOfManual.get(meta.id) ?? '' };
  });

  const handouts: Handout[] = [...handoutsById.values()].map(({ meta, page }) => ({ id: meta.id, ...ref(page) }));

  const sessions: Session[] = [...sessionsById.values()].map(({ meta, page }) => {
    const place = placeOfSession.get(meta.id);
    const manualMeta = place ? manualsById.get(place.manual)?.meta : undefined;
    const manual = manualMeta?.id;
    return {
      ...meta,
      credits: meta.credits ?? manualMeta?.credits ?? [],
      ...ref(page),
      summary: page.data.description ?? '',
      manual: manual ?? '',
      programme: manual ? (programmeOfManual.get(manual) ?? '') : '',
      order: place?.order ?? 0,
    };
  });
  sessions.sort((a, b) => a.manual.localeCompare(b.manual) || a.order - b.order);
  return { programmes, manuals, sessions, handouts, referrals };
}

/** The programmes in the order the organisation lists them (content/organisation.yaml), the rest after. */
export function orderProgrammes(curriculum: Curriculum, order: readonly string[] = []): Curriculum {
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  return { ...curriculum, programmes: [...curriculum.programmes].sort((a, b) => rank(a.id) - rank(b.id)) };
}

/** A manual's sessions in teaching order. */
export function sessionsOfManual(curriculum: Curriculum, manualId: string): Session[] {
  return curriculum.sessions.filter((s) => s.manual === manualId).sort((a, b) => a.order - b.order);
}

/** A programme's manuals in the programme's order. */
export function manualsOfProgramme(curriculum: Curriculum, programmeId: string): Manual[] {
  const programme = curriculum.programmes.find((p) => p.id === programmeId);
  if (!programme) return [];
  return programme.manuals.flatMap((id) => curriculum.manuals.filter((m) => m.id === id));
}

/** The services a facilitator offers after a disclosure in this session, in the session's order. */
export function referralPath(curriculum: Curriculum, session: SessionMeta): ReferralService[] {
  const keys = session.safety?.referral ?? [];
  return keys.flatMap((key) => curriculum.referrals.services.filter((s) => s.key === key));
}
