import { z } from 'zod';
import { agendaStepSchema } from './agenda.ts';
import { shortVersionIssues, shortVersionSchema } from './short-version.ts';
import { materialSchema } from './material.ts';
import { aidSchema } from './aid.ts';
import { aidsRules } from './aid-rules.ts';
import { safetySchema } from './safety.ts';
import { activityTypes, keysOf, vocabularyValue, type VocabularyOption } from './vocabulary.ts';
import { idSchema, isoDateSchema, licenceSchema, nonEmptyText, versionSchema } from './common.ts';
import { creditsSchema } from './credit.ts';
import { keyMessageSchema } from './core-mark.ts';
import { adaptedFromSchema, changeSchema } from './adaptation.ts';
import { fixedInTranslation } from './fixed-in-translation.ts';

/**
 * The `session:` block of a session page's frontmatter: everything a facilitator needs to prepare
 * the session, and everything print, search, the catalog and the attendance API read about it.
 * The session's title and summary are the page's own `title` and `description`; its programme,
 * manual and order come from the manual that lists it (see `resolve.ts`).
 * Built from the organisation's vocabulary (content/vocabulary.yaml): audiences, topics and
 * methods must be values of its lists.
 */
export const sessionSchema = ({ vocabulary }: VocabularyOption = {}) =>
  z
    .object({
      /** Stable id, unique in the whole curriculum. Attendance records point at it: never reuse or change it. */
      id: fixedInTranslation(idSchema),
      /** Who the session is for: values of `audiences` in content/vocabulary.yaml. */
      audience: fixedInTranslation(
        z.array(vocabularyValue(vocabulary, 'audiences')).min(1, { error: 'needs at least one audience' }),
      ),
      /** Total length in minutes; the agenda's steps add up to it. */
      durationMinutes: fixedInTranslation(
        z.int().positive().max(480, { error: 'must be at most 480 minutes; split a longer workshop into sessions' }),
      ),
      /** The steps in order, with minutes and method. */
      agenda: z.array(agendaStepSchema({ vocabulary })).min(1, { error: 'needs at least one step' }),
      /**
       * How to run the session in 30 minutes (or less) when the meeting leaves no more: each agenda
       * step kept, shortened or dropped; safety steps always kept. Optional.
       */
      shortVersion: shortVersionSchema.optional(),
      /** What participants will be able to do or say after the session: 2 to 5. */
      objectives: z
        .array(nonEmptyText)
        .min(2, { error: 'needs 2 to 5 objectives' })
        .max(5, { error: 'needs 2 to 5 objectives; keep the 5 that matter most' }),
      /** The few sentences participants should take home; a core one is written `{ text, core: { reason } }`. */
      keyMessages: z.array(keyMessageSchema).min(1, { error: 'needs at least one key message' }),
      /** What to bring and prepare. An empty list is allowed (a talk needs nothing). */
      materials: z.array(materialSchema).default([]),
      /** Printable visual aids (cards, signs, posters, pictograms) made into one A4 PDF per session. See `aid.ts`. */
      aids: z.array(aidSchema).default([]),
      /** Subjects the session covers: values of `topics` in content/vocabulary.yaml. */
      topics: fixedInTranslation(
        z.array(vocabularyValue(vocabulary, 'topics')).min(1, { error: 'needs at least one topic' }),
      ),
      /** True when the session talks about violence: then `safety` is required. */
      touchesViolence: fixedInTranslation(z.boolean()),
      /** Disclosure guidance and referral path; required when `touchesViolence` is true. */
      safety: safetySchema.optional(),
      /** Whether attending counts toward the programme's completion rule. Default true. */
      countsTowardCompletion: fixedInTranslation(z.boolean().default(true)),
      /**
       * For manuals taught as multi-day workshops: the day (1, 2, …) this session belongs to.
       * Either every session of a manual has a day or none has.
       */
      day: fixedInTranslation(z.int().min(1).max(10).optional()),
      /**
       * For activity guides (community mobilisation): the kind of activity, from `activityTypes`.
       * What the leader records afterwards is the attendance API's activity record: counts only.
       */
      activityType: fixedInTranslation(z.enum(keysOf(activityTypes)).optional()),
      /** Ids of the handouts used in the session. */
      handouts: fixedInTranslation(z.array(idSchema).default([])),
      /** In a translation only: the `version` of the source it was translated from. An older one marks the translation outdated. */
      translatedFrom: versionSchema.optional(),
      /**
       * In another organisation's adaptation only: the upstream session it adapts and the version
       * adapted. The build checks the upstream's core elements are kept (content/upstream/).
       */
      adaptedFrom: adaptedFromSchema.optional(),
      /** The session's version history, oldest first: what changed in each version. Optional. */
      changes: z.array(changeSchema).optional(),
      /** Version of this session's content, as MAJOR.MINOR. Attendance records the version taught. */
      version: versionSchema,
      /** When the content was last reviewed, YYYY-MM-DD. */
      lastReviewed: isoDateSchema,
      /** Credits of this session when they differ from its manual's (e.g. a session an organisation changed or wrote). */
      credits: fixedInTranslation(creditsSchema.optional()),
      /** SPDX licence identifier of this session's text. */
      licence: fixedInTranslation(licenceSchema),
    })
    .superRefine(
      (session, ctx) => {
        const agendaMinutes = session.agenda.reduce((sum, step) => sum + step.minutes, 0);
        if (agendaMinutes !== session.durationMinutes) {
          ctx.addIssue({
            code: 'custom',
            path: ['agenda'],
            params: { rule: 'agenda-minutes' },
            message: `the steps add up to ${agendaMinutes} minutes but durationMinutes is ${session.durationMinutes} — fix one of them`,
          });
        }
        if (session.shortVersion)
          for (const issue of shortVersionIssues(session.agenda, session.shortVersion, session.touchesViolence))
            ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message, params: { rule: issue.rule } });
        if (session.touchesViolence && !session.safety) {
          ctx.addIssue({
            code: 'custom',
            path: ['safety'],
            params: { rule: 'session-safety-box' },
            message:
              'the session touches violence, so it needs safety guidance — add safety.disclosure (what to do if ' +
              'a woman discloses violence) and safety.referral (keys from content/referrals, e.g. linea-100)',
          });
        }
      },
      {
        // Run these cross-field rules even when unrelated fields are wrong, so an author sees every
        // error in one run — but not when the fields they compare are themselves invalid.
        when: (payload) => !payload.issues.some((issue) => crossFieldInputs.has(String(issue.path?.[0]))),
      },
    )
    // The aids' links to the materials are checked on their own, after the rest (aid-rules.ts).
    .superRefine(aidsRules, { when: (payload) => payload.issues.every((issue) => !blocksAidsRules(issue.path ?? [])) });

/**
 * The aids rules still run when an aid's items are wrong, so every mistake shows in one run;
 * not when what they compare (ids, forMaterial, materials) is itself wrong.
 */
const blocksAidsRules = ([block, , field]: readonly PropertyKey[]) =>
  block === 'materials' || (block === 'aids' && (field === undefined || field === 'id' || field === 'forMaterial'));

const crossFieldInputs = new Set(['agenda', 'durationMinutes', 'touchesViolence', 'safety', 'shortVersion']);

export type SessionMeta = z.output<ReturnType<typeof sessionSchema>>;
