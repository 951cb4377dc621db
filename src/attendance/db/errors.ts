import { ApiError, type ErrorRule } from '../errors.ts';

/** A UNIQUE or PRIMARY KEY violation, in SQLite's words or PostgreSQL's (SQLSTATE 23505). */
export function isUniqueViolation(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { code?: string; errcode?: number; message?: string };
  return e.code === '23505' || /UNIQUE constraint failed|PRIMARY KEY/i.test(e.message ?? '');
}

/**
 * Runs an insert; a duplicate becomes a 409 that names the field, instead of a server fault.
 * The database's unique constraint decides, so two requests racing each other both get a clear answer.
 */
export async function insertUnique(
  insert: () => Promise<unknown>,
  conflict: { message: string; field: string; rule?: ErrorRule; params?: Record<string, string | number> },
): Promise<void> {
  try {
    await insert();
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ApiError('conflict', conflict.message, {
        field: conflict.field,
        rule: conflict.rule,
        params: conflict.params,
      });
    throw error;
  }
}
