/**
 * Table types for Kysely. Filled in by the attendance feature; the foundation has only the
 * migrations bookkeeping Kysely's Migrator keeps itself.
 */
export interface DatabaseTables {
  installation: { id: number; created_at: string };
}
