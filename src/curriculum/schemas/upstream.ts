import { z } from 'zod';
import { idSchema, isoDateSchema, licenceSchema, nonEmptyText, versionSchema } from './common.ts';
import { changeSchema } from './adaptation.ts';
import { creditSchema } from './credit.ts';

/** One upstream session as an adaptation needs to know it: version, core elements, history, credits. */
export const upstreamSessionSchema = z.object({
  /** The session's id in the upstream curriculum. */
  id: idSchema,
  /** The session's title upstream. */
  title: nonEmptyText,
  /** The upstream's current version of the session. */
  version: versionSchema,
  /** Its licence upstream (CC BY-SA: an adaptation keeps the attribution and the licence). */
  licence: licenceSchema,
  /** Who made it upstream: shown on the adapted session's page, after "Adaptado de". */
  credits: z.array(creditSchema),
  /** Its version history upstream, oldest first. Empty when the upstream keeps none. */
  changes: z.array(changeSchema).default([]),
  /** What an adaptation must keep, or declare removed. */
  core: z.object({
    /** Core agenda steps (safety steps included), by 0-based index upstream. */
    steps: z.array(
      z.object({
        /** 0-based position of the step in the upstream agenda. */
        index: z.int().min(0),
        /** The step's title upstream: an adapted step keeps it, or names it in `upstreamStep`. */
        title: nonEmptyText,
        /** Why it is core. */
        reason: nonEmptyText,
        /** True for a safety step: an adaptation keeps it as a safety step and may not remove it. */
        safety: z.boolean(),
      }),
    ),
    /** Core key messages, with their reason. */
    messages: z.array(
      z.object({
        /** The message's text upstream. */
        text: nonEmptyText,
        /** Why it is core. */
        reason: nonEmptyText,
      }),
    ),
    /** True when the upstream session has a safety block: the adaptation must keep one. */
    safety: z.boolean(),
  }),
});

/**
 * A snapshot of an upstream curriculum (content/upstream/<name>.json), written by
 * `npm run new-organisation` so the build can check adaptations without a network.
 */
export const upstreamSnapshotSchema = z.object({
  /** The name adaptations use in `adaptedFrom.curriculum`; the file is content/upstream/<name>.json. */
  name: nonEmptyText,
  /** Who publishes the upstream, e.g. "FINCA Perú". */
  organisation: nonEmptyText,
  /** Where the upstream is published, when known. */
  website: z.url().optional(),
  /** When the snapshot was taken, YYYY-MM-DD. */
  taken: isoDateSchema,
  /** Every session of the upstream that can be adapted. */
  sessions: z.array(upstreamSessionSchema),
});

export type UpstreamSnapshot = z.output<typeof upstreamSnapshotSchema>;
export type UpstreamSession = z.output<typeof upstreamSessionSchema>;
