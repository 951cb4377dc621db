/** A UNIQUE or PRIMARY KEY violation, in SQLite's words or PostgreSQL's (SQLSTATE 23505). */
export function isUniqueViolation(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { code?: string; errcode?: number; message?: string };
  return e.code === '23505' || /UNIQUE constraint failed|PRIMARY KEY/i.test(e.message ?? '');
}
