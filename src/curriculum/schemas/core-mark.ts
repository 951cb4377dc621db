import { z } from 'zod';
import { nonEmptyText } from './common.ts';

/**
 * Marks a part of a session as core: it carries the evidence of the model, so an adaptation keeps
 * it (or declares its removal with a reason). Parts without the mark are adaptable: change them freely.
 */
export const coreMarkSchema = z.object({
  /** Why this part must stay, in one line, e.g. "El diálogo participativo es lo que cambió normas en IMAGE". */
  reason: nonEmptyText,
});

export type CoreMark = z.output<typeof coreMarkSchema>;

/**
 * A key message: plain text (adaptable), or `{ text, core }` when it is one of the messages that
 * carry the evidence. Plain strings stay valid, so older content needs no change.
 */
export const keyMessageSchema = z.union([
  nonEmptyText,
  z.object({
    /** The message as participants should take it home. */
    text: nonEmptyText,
    /** Present when the message is core; absent (or a plain string) when it is adaptable. */
    core: coreMarkSchema.optional(),
  }),
]);

export type KeyMessage = z.output<typeof keyMessageSchema>;

/** The words of a key message, whichever form it is written in. */
export const keyMessageText = (message: KeyMessage): string => (typeof message === 'string' ? message : message.text);
