import type { z } from 'zod';
import { eventCellsSchema, figuresSchema, personCellsSchema } from '../api-schemas.ts';
import { HIDDEN } from '../disclosure/policy.ts';

/** One unit's figures as the API returns them (api-schemas.ts figuresSchema, the one declaration). */
export type FigureCells = z.output<typeof figuresSchema>;
/** The counts of women among them: hidden together above the facilitator when a unit is protected. */
export type PersonCells = z.output<typeof personCellsSchema>;
/** The two counts read from the roll calls (the rest come from the roster): one bank's, before any protection. */
export type AttendanceCounts = Pick<{ [K in keyof PersonCells]: number }, 'attendedAtLeastOne' | 'completed'>;
/** The counts of public events among them: published as they are. */
export type EventCells = { [K in keyof z.output<typeof eventCellsSchema>]: number };

const keysOf = <T extends z.ZodObject>(schema: T) => Object.keys(schema.shape) as (keyof z.output<T> & string)[];

/** The figures' names in the schema's order: the CSV's columns and the office table's. */
export const figureNames = keysOf(figuresSchema);
export const personNames = keysOf(personCellsSchema);
export const eventNames = keysOf(eventCellsSchema);

const each = <K extends string, V>(names: readonly K[], value: V) =>
  Object.fromEntries(names.map((n) => [n, value])) as Record<K, V>;

/** Zero women of every count: what a unit with no banks in scope publishes. */
export const zeroPersons = (): { [K in keyof PersonCells]: number } => each(personNames, 0);
/** No events. */
export const zeroEvents = (): EventCells => each(eventNames, 0);
/** A protected unit: every count of women hidden at once, under one word. */
export const hiddenPersons = (): PersonCells => each(personNames, HIDDEN);

/** Two units' numeric counts added, name by name (the names from the schema, never retyped). */
export function addCells<K extends string>(names: readonly K[], a: Record<K, number>, b: Record<K, number>) {
  return Object.fromEntries(names.map((n) => [n, a[n] + b[n]])) as Record<K, number>;
}
