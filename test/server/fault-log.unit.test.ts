import { describe, expect, test } from 'vitest';
import { faultForLog } from '../../src/api/fault-log.ts';

/** The server log is read by whoever runs the server: a fault must not carry a woman's data into it. */
describe('what the log keeps of a fault', () => {
  test('a PostgreSQL error: class, code, constraint and table, frames; never its message or detail', () => {
    const fault = Object.assign(
      new Error('duplicate key value violates unique constraint "members_bank_code" for Zenaida Quispe'),
      {
        name: 'error',
        code: '23505',
        constraint: 'members_bank_code',
        table: 'members',
        detail: 'Key (bank_id, lower(member_code))=(b1, s-014) already exists.',
      },
    );
    const logged = faultForLog(fault);
    expect(logged.split('\n')[0]).toBe('error (code=23505, constraint=members_bank_code, table=members)');
    expect(logged).toMatch(/\n\s+at /);
    expect(logged).not.toMatch(/Zenaida|s-014|Key \(/);
  });

  test('Tejido’s own operator message (it starts with its code) is kept: it says what to run', () => {
    const fault = Object.assign(
      new Error('migrations_pending: 2026-11-23-0001-meta not run. Run `npm run migrate` with DATABASE_OWNER_URL set.'),
      { code: 'migrations_pending' },
    );
    expect(faultForLog(fault).split('\n')[0]).toBe(
      'Error (code=migrations_pending): migrations_pending: 2026-11-23-0001-meta not run. Run `npm run migrate` with DATABASE_OWNER_URL set.',
    );
    expect(faultForLog(new Error('database_config: DATABASE_OWNER_URL is set but DATABASE_URL is not.'))).toContain(
      ': database_config: DATABASE_OWNER_URL is set',
    );
    // A driver's code (PostgreSQL's 23505) never lets its message through.
    expect(faultForLog(Object.assign(new Error('23505: Zenaida'), { code: '23505' }))).not.toContain('Zenaida');
  });

  test('any other error keeps its class and frames, and a cause its first line; a thrown string is named only by its type', () => {
    const logged = faultForLog(new TypeError('cannot read "Zenaida"', { cause: new RangeError('Zenaida again') }));
    expect(logged.split('\n').slice(0, 2)).toEqual(['TypeError', '  caused by RangeError']);
    expect(logged).not.toContain('Zenaida');
    expect(faultForLog('Zenaida')).toBe('non-Error thrown (string)');
  });
});
