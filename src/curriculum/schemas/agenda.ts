import { z } from 'zod';
import { keysOf, methods } from './vocabulary.ts';
import { nonEmptyText } from './common.ts';

/** One step of a session's agenda, as the facilitator runs it. */
export const agendaStepSchema = z.object({
  /** What the step is called on the agenda, e.g. "Dinámica: el ovillo de lana". */
  title: nonEmptyText,
  /** How long the step takes. The steps of a session add up to its `durationMinutes`. */
  minutes: z.int().positive({ error: 'must be a whole number of minutes above 0' }),
  /** How the step is run, from the closed list in `vocabulary.ts`. */
  method: z.enum(keysOf(methods)),
});

export type AgendaStep = z.output<typeof agendaStepSchema>;
