import type { Migration } from 'kysely/migration';
import * as m0001 from './2026-11-23-0001-meta.ts';

/** Every migration, in order. A migration is never edited once released: add a new one. */
export const migrations: Record<string, Migration> = {
  '2026-11-23-0001-meta': m0001,
};
