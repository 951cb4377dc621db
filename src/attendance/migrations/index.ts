import type { Migration } from 'kysely/migration';
import * as m0001 from './2026-11-23-0001-meta.ts';
import * as m0002 from './2026-11-23-0002-attendance.ts';
import * as m0003 from './2026-11-23-0003-audit-append-only.ts';
import * as m0004 from './2026-11-23-0004-audit-no-truncate.ts';
import * as m0005 from './2026-12-01-0005-audit-log-keyset.ts';
import * as m0006 from './2026-12-01-0006-auth-sessions-throttle.ts';
import * as m0007 from './2026-12-01-0007-roster-withdrawn-erased.ts';
import * as m0008 from './2026-12-01-0008-one-roll-call-per-meeting.ts';
import * as m0009 from './2026-12-01-0009-setup-codes.ts';
import * as m0010 from './2026-12-01-0010-workshop-place.ts';
import * as m0011 from './2026-12-01-0011-member-id-indexes.ts';
import * as m0012 from './2026-12-01-0012-member-sessions.ts';
import * as m0013 from './2026-12-01-0013-delivery-steps.ts';
import * as m0014 from './2026-12-01-0014-bank-changes.ts';

/** Every migration, in order. A migration is never edited once released: add a new one. */
export const migrations: Record<string, Migration> = {
  '2026-11-23-0001-meta': m0001,
  '2026-11-23-0002-attendance': m0002,
  '2026-11-23-0003-audit-append-only': m0003,
  '2026-11-23-0004-audit-no-truncate': m0004,
  '2026-12-01-0005-audit-log-keyset': m0005,
  '2026-12-01-0006-auth-sessions-throttle': m0006,
  '2026-12-01-0007-roster-withdrawn-erased': m0007,
  '2026-12-01-0008-one-roll-call-per-meeting': m0008,
  '2026-12-01-0009-setup-codes': m0009,
  '2026-12-01-0010-workshop-place': m0010,
  '2026-12-01-0011-member-id-indexes': m0011,
  '2026-12-01-0012-member-sessions': m0012,
  '2026-12-01-0013-delivery-steps': m0013,
  '2026-12-01-0014-bank-changes': m0014,
};
