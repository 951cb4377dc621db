import type { ContentError } from './content-error.ts';
import { keyMessageText } from './core.ts';
import type { Session } from './resolve.ts';
import type { Change, Credit, UpstreamSession, UpstreamSnapshot } from './schemas/index.ts';
import { compareVersions } from './translations.ts';

/** One adapted session as the adaptations page shows it. */
export interface AdaptationRow {
  id: string;
  slug: string;
  title: string;
  /** Name of the upstream curriculum (content/upstream/<name>.json). */
  curriculum: string;
  /** Who publishes the upstream. */
  upstreamOrganisation: string;
  upstreamSession: string;
  upstreamTitle: string;
  /** The upstream version that was adapted. */
  adaptedVersion: string;
  /** The upstream's version now, in the snapshot. */
  currentVersion: string;
  outdated: boolean;
  /** What changed upstream after the adapted version, oldest first. */
  changesSince: Change[];
  /** Core steps kept under another title: upstream title → adapted title. */
  renamed: { upstream: string; adapted: string }[];
  /** Core elements removed on purpose, with the reason given. */
  removed: { element: string; reason: string }[];
  /** The upstream's credits, kept with the adaptation (CC BY-SA). */
  upstreamCredits: Credit[];
  upstreamLicence: string;
}

type Snapshots = ReadonlyMap<string, { file: string; data: UpstreamSnapshot }>;

const normalise = (text: string) => text.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Checks every adapted session against the snapshot of its upstream: the upstream session exists,
 * each of its core steps and messages is still there (same title, or named by `upstreamStep`) or
 * its removal is declared with a reason, safety steps and the safety block are never dropped, and
 * the version adapted exists. A newer upstream version is a warning, not an error: the adaptation
 * still teaches what it adapted, but someone should look at what changed (e.g. a safety fix).
 */
export function checkAdaptations(sessions: readonly Session[], snapshots: Snapshots) {
  const errors: ContentError[] = [];
  const warnings: ContentError[] = [];
  const rows: AdaptationRow[] = [];
  for (const session of sessions) {
    const from = session.adaptedFrom;
    if (!from) continue;
    const fail = (field: string, message: string, list = errors) => list.push({ file: session.file, field, message });
    const snapshot = snapshots.get(from.curriculum);
    if (!snapshot) {
      const known = [...snapshots.keys()].join(', ') || 'none';
      fail(
        'session.adaptedFrom.curriculum',
        `there is no snapshot content/upstream/${from.curriculum}.json ` +
          `(snapshots: ${known}) — fix the name or add the upstream's snapshot`,
      );
      continue;
    }
    const upstream = snapshot.data.sessions.find((s) => s.id === from.session);
    if (!upstream) {
      fail(
        'session.adaptedFrom.session',
        `${from.curriculum} has no session "${from.session}" ` + `(${snapshot.file}) — fix the id`,
      );
      continue;
    }
    const label = `${from.curriculum}/${upstream.id} ${upstream.version}`;
    const ahead = compareVersions(from.version, upstream.version) > 0;
    if (ahead)
      fail(
        'session.adaptedFrom.version',
        `is ${from.version} but ${from.curriculum}/${upstream.id} is only at ` +
          `${upstream.version} — write the upstream version you adapted`,
      );
    const removed = coreIssues(session, upstream, label, fail);
    const outdated = compareVersions(from.version, upstream.version) < 0;
    const changesSince = upstream.changes.filter((c) => compareVersions(c.version, from.version) > 0);
    if (outdated) {
      const what = changesSince.map((c) => `${c.version}: ${c.summary}`).join('; ') || 'no changelog';
      fail(
        'session.adaptedFrom.version',
        `adapts ${from.curriculum}/${upstream.id} ${from.version} but the ` +
          `upstream is now ${upstream.version} (${what}) — review the changes, then update adaptedFrom.version`,
        warnings,
      );
    }
    rows.push({
      id: session.id,
      slug: session.slug,
      title: session.title,
      curriculum: from.curriculum,
      upstreamOrganisation: snapshot.data.organisation,
      upstreamSession: upstream.id,
      upstreamTitle: upstream.title,
      adaptedVersion: from.version,
      currentVersion: upstream.version,
      outdated,
      changesSince,
      renamed: removed.renamed,
      removed: removed.removed,
      upstreamCredits: upstream.credits,
      upstreamLicence: upstream.licence,
    });
  }
  return { errors, warnings, rows };
}

/** The core-element rules for one adapted session; returns what was renamed and removed. */
function coreIssues(
  session: Session,
  upstream: UpstreamSession,
  label: string,
  fail: (field: string, message: string) => void,
) {
  const from = session.adaptedFrom!;
  const renamed: AdaptationRow['renamed'] = [];
  const removed: AdaptationRow['removed'] = [];
  const declaredSteps = new Map<string, number>();
  const declaredMessages = new Map<string, number>();
  from.removedCore.forEach((entry, i) => {
    if (entry.step !== undefined) declaredSteps.set(normalise(entry.step), i);
    if (entry.message !== undefined) declaredMessages.set(normalise(entry.message), i);
  });
  const used = new Set<number>();

  for (const core of upstream.core.steps) {
    const key = normalise(core.title);
    const index = session.agenda.findIndex((s) => normalise(s.upstreamStep ?? s.title) === key);
    const step = session.agenda[index];
    const declared = declaredSteps.get(key);
    if (step) {
      if (normalise(step.title) !== key) renamed.push({ upstream: core.title, adapted: step.title });
      if (core.safety && step.safety !== true)
        fail(
          `session.agenda[${index}].safety`,
          `the step «${step.title}» adapts the safety step «${core.title}» of ` +
            `${label}, so it stays a safety step — add safety: true`,
        );
      if (declared !== undefined) used.add(declared);
    } else if (core.safety) {
      fail(
        'session.agenda',
        `the safety step «${core.title}» of ${label} is missing — safety steps are core by ` +
          'rule and cannot be removed; keep it (you may reword it and set upstreamStep)',
      );
      if (declared !== undefined) used.add(declared);
    } else if (declared === undefined) {
      fail(
        'session.agenda',
        `the core step «${core.title}» of ${label} is missing; keep it or declare its removal ` +
          'in session.adaptedFrom.removedCore with a reason',
      );
    } else {
      used.add(declared);
      removed.push({ element: core.title, reason: from.removedCore[declared]!.reason });
    }
  }

  const texts = new Set(session.keyMessages.map((m) => normalise(keyMessageText(m))));
  for (const core of upstream.core.messages) {
    const key = normalise(core.text);
    const declared = declaredMessages.get(key);
    if (declared !== undefined) used.add(declared);
    if (texts.has(key)) continue;
    if (declared === undefined)
      fail(
        'session.keyMessages',
        `the core key message «${core.text}» of ${label} is missing; keep it or declare ` +
          'its removal in session.adaptedFrom.removedCore (message: …) with a reason',
      );
    else removed.push({ element: core.text, reason: from.removedCore[declared]!.reason });
  }

  if (upstream.core.safety && !session.safety)
    fail(
      'session.safety',
      `${label} has a safety block (disclosure guidance and referral path), which is core by ` +
        "rule — keep one, with your country's referral services",
    );

  from.removedCore.forEach((entry, i) => {
    if (!used.has(i))
      fail(
        `session.adaptedFrom.removedCore[${i}]`,
        `«${entry.step ?? entry.message}» is not a core ` +
          `${entry.step !== undefined ? 'step' : 'key message'} of ${label} — fix the text or remove the entry`,
      );
  });
  return { renamed, removed };
}
