import type { ContentError } from './content-error.ts';
import { dayScheduleIssues } from './days.ts';
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
 * Links sessions, manuals and programmes and checks the rules a single page's schema cannot:
 * ids are unique, every reference points at something that exists, every session and manual
 * belongs to exactly one parent. Returns every problem found, not only the first.
 */
export function resolveCurriculum(
  pages: readonly PageInput[],
  referrals: ReferralDirectory,
  /** Ids declared by pages that failed their schema: already reported, so their consequences are not reported again. */
  broken: BrokenIds = { session: new Set(), manual: new Set(), programme: new Set(), handout: new Set() },
): { curriculum: Curriculum; errors: ContentError[] } {
  const errors: ContentError[] = [];
  const lineReaders = new Map(pages.map((p) => [p.file, p.lineOf]));
  const fail = (file: string, field: string, message: string) => {
    const path = field
      .split(/[.[\]]/)
      .filter(Boolean)
      .map((k) => (/^\d+$/.test(k) ? Number(k) : k));
    errors.push({ file, line: lineReaders.get(file)?.(path), field, message });
  };

  const collect = <T extends { id: string }>(
    kind: 'session' | 'manual' | 'programme' | 'handout',
    pick: (d: PageFrontmatter) => T | undefined,
  ) => {
    const byId = new Map<string, { meta: T; page: PageInput }>();
    for (const page of pages) {
      const meta = pick(page.data);
      if (!meta) continue;
      const seen = byId.get(meta.id);
      if (seen)
        fail(
          page.file,
          `${kind}.id`,
          `"${meta.id}" is already the id of ${seen.page.file} — ids must be unique; choose another`,
        );
      else byId.set(meta.id, { meta, page });
    }
    return byId;
  };
  const sessionsById = collect<SessionMeta>('session', (d) => d.session);
  const manualsById = collect<ManualMeta>('manual', (d) => d.manual);
  const programmesById = collect<ProgrammeMeta>('programme', (d) => d.programme);

  const ref = (page: PageInput): PageRef => ({
    title: page.data.title,
    description: page.data.description ?? '',
    slug: page.slug,
    file: page.file,
  });

  const programmes: Programme[] = [];
  const programmeOfManual = new Map<string, string>();
  for (const { meta, page } of programmesById.values()) {
    programmes.push({ ...meta, ...ref(page) });
    meta.manuals.forEach((manualId, i) => {
      const owner = programmeOfManual.get(manualId);
      if (broken.manual.has(manualId)) return;
      if (!manualsById.has(manualId))
        fail(page.file, `programme.manuals[${i}]`, `no manual has the id "${manualId}" — fix the id or add the manual`);
      else if (owner)
        fail(
          page.file,
          `programme.manuals[${i}]`,
          `manual "${manualId}" is already listed by programme "${owner}" — a manual belongs to one programme`,
        );
      else programmeOfManual.set(manualId, meta.id);
    });
  }

  const manuals: Manual[] = [];
  const placeOfSession = new Map<string, { manual: string; order: number }>();
  for (const { meta, page } of manualsById.values()) {
    const programme = programmeOfManual.get(meta.id);
    if (!programme && broken.programme.size === 0)
      fail(
        page.file,
        'manual.id',
        `no programme lists manual "${meta.id}" — add it to the manuals of its programme's index page`,
      );
    manuals.push({ ...meta, ...ref(page), programme: programme ?? '' });
    meta.sessions.forEach((sessionId, i) => {
      const place = placeOfSession.get(sessionId);
      if (broken.session.has(sessionId)) return;
      if (!sessionsById.has(sessionId))
        fail(
          page.file,
          `manual.sessions[${i}]`,
          `no session has the id "${sessionId}" — fix the id or add the session`,
        );
      else if (place?.manual === meta.id)
        fail(
          page.file,
          `manual.sessions[${i}]`,
          `session "${sessionId}" is listed twice (also at position ${place.order}) — each session has one place in the order; remove one`,
        );
      else if (place)
        fail(
          page.file,
          `manual.sessions[${i}]`,
          `session "${sessionId}" is already listed by manual "${place.manual}" — a session belongs to one manual`,
        );
      else placeOfSession.set(sessionId, { manual: meta.id, order: i + 1 });
    });
  }

  const handoutsById = collect<{ id: string }>('handout', (d) => d.handout);
  const handouts: Handout[] = [...handoutsById.values()].map(({ meta, page }) => ({ id: meta.id, ...ref(page) }));

  const servicesByKey = new Map(referrals.services.map((s) => [s.key, s]));
  const sessions: Session[] = [];
  for (const { meta, page } of sessionsById.values()) {
    const place = placeOfSession.get(meta.id);
    if (!place && broken.manual.size === 0)
      fail(
        page.file,
        'session.id',
        `no manual lists session "${meta.id}" — add it to the sessions of its manual's index page`,
      );
    if (!page.data.description)
      fail(page.file, 'description', 'a session needs a one- or two-sentence summary — add a description');
    meta.safety?.referral.forEach((key, i) => {
      if (!servicesByKey.has(key))
        fail(
          page.file,
          `session.safety.referral[${i}]`,
          `"${key}" is not in the referral directory (content/referrals/${referrals.country}.yaml) — use one of: ${[...servicesByKey.keys()].join(', ')}`,
        );
    });
    meta.handouts.forEach((id, i) => {
      if (!handoutsById.has(id) && !broken.handout.has(id))
        fail(
          page.file,
          `session.handouts[${i}]`,
          `no handout has the id "${id}" — fix the id or add a page with a handout block (id: ${id})`,
        );
    });
    const manualMeta = place ? manualsById.get(place.manual)?.meta : undefined;
    const manual = manualMeta?.id;
    sessions.push({
      ...meta,
      credits: meta.credits ?? manualMeta?.credits ?? [],
      ...ref(page),
      summary: page.data.description ?? '',
      manual: manual ?? '',
      programme: manual ? (programmeOfManual.get(manual) ?? '') : '',
      order: place?.order ?? 0,
    });
  }

  for (const manual of manuals) {
    const own = sessions.filter((s) => s.manual === manual.id).sort((a, b) => a.order - b.order);
    const withDay = own.filter((s) => s.day !== undefined);
    if (withDay.length > 0 && withDay.length < own.length)
      for (const s of own.filter((s) => s.day === undefined))
        fail(
          s.file,
          'session.day',
          `the other sessions of manual "${manual.id}" say which workshop day they belong to — add day to this one too`,
        );
    withDay.forEach((s, i) => {
      const previous = withDay[i - 1];
      if (previous?.day !== undefined && s.day !== undefined && s.day < previous.day)
        fail(
          s.file,
          'session.day',
          `is day ${s.day} but comes after "${previous.id}" (day ${previous.day}) in the manual's order — fix the day or the order in ${manual.file}`,
        );
    });
    if (!manual.sessions.some((id) => broken.session.has(id)))
      for (const issue of dayScheduleIssues(manual.days, own)) fail(manual.file, issue.field, issue.message);
  }

  for (const programme of programmes.filter((p) => p.touchesViolence)) {
    for (const s of sessions.filter((s) => s.programme === programme.id && !s.safety))
      fail(s.file, 'session.safety', safetyRequiredByProgramme(programme));
  }

  for (const programme of programmes) {
    const rule = programme.completionRule;
    if (!programme.manuals.includes(rule.manual)) {
      fail(
        programme.file,
        'programme.completionRule.manual',
        `"${rule.manual}" is not one of this programme's manuals — use one of: ${programme.manuals.join(', ')}`,
      );
      continue;
    }
    const manual = manualsById.get(rule.manual)?.meta;
    if (!manual || manual.sessions.some((id) => broken.session.has(id))) continue;
    const counted = sessions.filter((s) => s.manual === rule.manual && s.countsTowardCompletion).length;
    if (rule.minSessions > counted)
      fail(
        programme.file,
        'programme.completionRule.minSessions',
        `asks for ${rule.minSessions} sessions but manual "${rule.manual}" has only ${counted} that count toward completion — lower it or mark more sessions`,
      );
  }

  sessions.sort((a, b) => a.manual.localeCompare(b.manual) || a.order - b.order);
  return { curriculum: { programmes, manuals, sessions, handouts, referrals }, errors };
}

/**
 * Rule "programme touches violence ⇒ every session has a safety box": a woman may disclose in
 * any meeting of such a programme, not only in the sessions that name violence.
 */
function safetyRequiredByProgramme(programme: Programme): string {
  return (
    `programme "${programme.id}" touches violence (programme.touchesViolence in ${programme.file}), ` +
    'so every one of its sessions needs a safety box — add safety.disclosure (what to do if a woman ' +
    'discloses violence) and safety.referral (keys from content/referrals, e.g. linea-100)'
  );
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
