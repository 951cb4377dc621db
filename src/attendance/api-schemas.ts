import { z } from 'zod';
import { activityTypes, keysOf } from '../curriculum/schemas/vocabulary.ts';
import { MAX_PASSWORD_BYTES, passwordFits } from './auth/password-limit.ts';

/**
 * Request and response shapes of /api/v1. Routes parse with them, and /api/v1/openapi.json is
 * generated from them: a field is declared here once.
 */
/**
 * Every free-text field the API accepts. A NUL (U+0000) cannot be stored in PostgreSQL text and
 * ends strings early in C tools; an unpaired surrogate is not Unicode and cannot be written as
 * UTF-8 to a CSV export. Both are refused here, once, naming the field, not deep in a query.
 */
export const text = () =>
  z
    .string()
    .refine((value) => !value.includes('\u0000'), { error: 'must not contain the NUL character (U+0000)', abort: true })
    .refine((value) => value.isWellFormed(), {
      error: 'must not contain an unpaired surrogate (text that is not valid Unicode)',
      abort: true,
    });

export const uuid = z.uuid({ error: 'must be a UUID made by the client (e.g. crypto.randomUUID())' });
export const isoDate = z.iso.date({ error: 'must be a date written as YYYY-MM-DD' });
const code = text()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,23}$/, { error: 'must be 1–24 letters, digits or hyphens' });
const shortText = (max: number) => text().trim().min(1).max(max);

export const roleSchema = z.enum(['admin', 'coordinator', 'facilitator']);

export const userSchema = z
  .object({ id: uuid, email: z.email(), displayName: z.string(), role: roleSchema, regionId: uuid.nullable() })
  .meta({ id: 'User' });

/** A password as typed at sign-in: anything up to the byte limit, refused before any hashing beyond it. */
const password = text()
  .min(1, { error: 'is required' })
  .refine(passwordFits, { error: `must be at most ${MAX_PASSWORD_BYTES} bytes`, abort: true })
  .meta({ description: `At most ${MAX_PASSWORD_BYTES} bytes (UTF-8)` });
/** A password being set: at least 12 characters; 200 characters always fit the byte limit. */
const newPassword = text().min(12, { error: 'must have at least 12 characters' }).max(200);

export const loginBody = z.object({ email: z.email({ error: 'must be an e-mail address' }).max(254), password });
export const tokenBody = z.object({
  label: shortText(60).optional().meta({ description: 'Which phone or app the token is for, e.g. "Teléfono de Rosa"' }),
});
export const tokenResponse = z.object({
  id: z.string().meta({ description: 'Public id, to list and revoke it by' }),
  token: z.string().meta({ description: 'The secret: shown only here, once' }),
  expiresAt: z.iso.datetime(),
});
export const sessionKind = z
  .enum(['cookie', 'bearer'])
  .meta({ description: 'cookie: a browser session; bearer: a token (the offline app)' });
export const tokenSchema = z
  .object({
    id: z.string().meta({ description: 'Public id of the session or token, to revoke it by; not the secret' }),
    kind: sessionKind,
    label: z.string().nullable(),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable().meta({ description: 'To within a few minutes' }),
    current: z.boolean().meta({ description: 'True for the session or token this request came with' }),
  })
  .meta({ id: 'Token' });
export const tokenList = z.object({ tokens: z.array(tokenSchema) });
export const revokedCount = z.object({
  revoked: z.int().meta({ description: 'Sessions and tokens ended by this request' }),
});
export const changePasswordBody = z.object({ currentPassword: password, newPassword });
export const resetPasswordBody = z.object({ newPassword });

export const createUserBody = z.object({
  id: uuid.optional(),
  email: z.email(),
  displayName: shortText(80),
  role: roleSchema,
  regionId: uuid.nullable().optional(),
  password: newPassword.optional().meta({
    description:
      'Leave out to get a one-time set-up code instead: she chooses her own password with it (POST /auth/setup)',
  }),
});

/** A one-time set-up code, as the admin reads it out: answered once, never stored in the clear. */
export const setupCodeSchema = z
  .object({
    code: z.string().meta({
      description:
        'The secret: shown only here, once. 12 characters in groups of four, e.g. "7KAM-3XRD-9PHT"; case, spaces and hyphens do not matter when typed',
    }),
    expiresAt: z.iso
      .datetime()
      .meta({ description: 'After this the code no longer works; the admin can give a new one' }),
  })
  .meta({ id: 'SetupCode' });
export const createUserResponse = z.object({
  user: userSchema,
  setupCode: setupCodeSchema.optional().meta({ description: 'Only when the user was created without a password' }),
});
export const issueSetupCodeResponse = z.object({
  setupCode: setupCodeSchema,
  revoked: z.int().meta({ description: 'Sessions and tokens of hers ended by this request' }),
});
/** Her first sign-in: her e-mail, the code the admin gave her, and the password she chooses. */
export const setupBody = z.object({
  email: z.email({ error: 'must be an e-mail address' }).max(254),
  setupCode: text().min(1, { error: 'is required' }).max(40),
  newPassword,
});
/** A user as the admin lists her: with the state of her account. */
export const accountSchema = userSchema
  .extend({
    state: z
      .enum(['active', 'pending', 'deactivated'])
      .meta({ description: 'pending: created with a set-up code she has not used yet' }),
    setupExpiresAt: z.iso.datetime().nullable().meta({ description: 'When her unused set-up code stops working' }),
    locked: z.boolean().meta({
      description: 'The sign-in throttle holds her back now (from one address or all); POST …/unlock clears it',
    }),
  })
  .meta({ id: 'Account' });

export const regionSchema = z.object({ id: uuid, code, name: shortText(80) }).meta({ id: 'Region' });
export const bankSchema = z
  .object({ id: uuid, regionId: uuid, code, name: shortText(80), facilitatorId: uuid.nullable() })
  .meta({ id: 'Bank' });
/** A new unit's id: the caller's UUID (so a resend is recognised), or made by the server when left out. */
const newId = uuid
  .optional()
  .meta({ description: 'A UUID made by the caller, so that a resend is recognised; made by the server when left out' });
export const createRegionBody = regionSchema.extend({ id: newId });
export const createBankBody = bankSchema.extend({ id: newId, facilitatorId: uuid.nullable().optional() });
export const assignFacilitatorBody = z.object({
  facilitatorId: uuid
    .nullable()
    .meta({ description: 'An active facilitator of the organisation, or null to leave the bank without one' }),
});

export const memberInputSchema = z.object({
  id: uuid,
  memberCode: code.meta({ description: 'Pseudonymous code, unique within the bank, e.g. "S-014"' }),
  displayName: shortText(80).meta({
    description: 'How the facilitator knows her; readable only by the bank’s own facilitator',
  }),
  enrolledOn: isoDate,
});
export const membersBody = z.object({ members: z.array(memberInputSchema).min(1).max(500) });
export const memberSchema = z
  .object({
    id: uuid,
    memberCode: z.string(),
    enrolledOn: z.string(),
    displayName: z.string().meta({ description: 'How the facilitator knows her' }),
    withdrawnOn: z.string().nullable().meta({
      description:
        'The day she left the bank (YYYY-MM-DD), or null while she is a member: leave her out of new roll calls',
    }),
  })
  .meta({ id: 'Member' });
export const savedCounts = z.object({ created: z.int(), unchanged: z.int() });

/** A correction to one member: only the fields sent change. Codes compare without case within a bank. */
export const memberChangesBody = memberInputSchema
  .pick({ memberCode: true, displayName: true, enrolledOn: true })
  .partial();
export const withdrawBody = z.object({
  withdrawnOn: isoDate.meta({ description: 'The day she left the bank: not after today, not before she enrolled' }),
});
/** A roster file's bytes as uploaded: UTF-8 or Windows-1252, `,` or `;` separated (decided by the server). */
export const rosterFileBody = z.instanceof(Uint8Array).meta({
  description:
    'A CSV file as Excel saves it: UTF-8 (BOM or none) or Windows-1252, `,` or `;` separated; header in Spanish or ' +
    'English (código/member_code, nombre/display_name, fecha de inscripción/enrolled_on); dates YYYY-MM-DD or DD/MM/YYYY',
});
const rowProblemSchema = z.object({
  field: z.string(),
  rule: z.string().meta({
    description: 'Named rule, e.g. roster.code_taken; a client says it in its own words from rule and params',
  }),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  message: z.string(),
});
export const rosterPreviewSchema = z
  .object({
    encoding: z.enum(['utf-8', 'windows-1252']),
    delimiter: z.enum([',', ';']),
    ignoredColumns: z.array(z.string()).meta({ description: 'Columns of the file that are not kept' }),
    valid: z.int().meta({ description: 'Rows that would be imported (new or already stored the same)' }),
    invalid: z.int(),
    rows: z.array(
      z.object({
        line: z.int(),
        memberCode: z.string(),
        displayName: z.string(),
        enrolledOn: z.string(),
        status: z.enum(['new', 'unchanged', 'invalid']),
        problems: z.array(rowProblemSchema),
      }),
    ),
  })
  .meta({ id: 'RosterPreview', description: 'What importing the file would do, row by row; nothing is saved' });
export const memberRecordSchema = z
  .object({
    member: memberSchema,
    bank: z.object({ id: uuid, code: z.string(), name: z.string() }),
    sessions: z
      .array(z.object({ deliveredOn: z.string(), sessionId: z.string(), present: z.boolean() }))
      .optional()
      .meta({ description: 'Her roll calls: for her bank’s facilitator only (never the admin)' }),
  })
  .meta({
    id: 'MemberRecord',
    description: 'What the organisation keeps about one woman (right of access, Ley 29733)',
  });
export const templateQuery = z.object({
  lang: z.enum(['es', 'en']).optional().meta({ description: 'Language of the header line; Spanish unless said' }),
});

/** Agenda step indexes (0-based) a roll call says were done: numbers only, so no text is ever stored. */
const stepsDone = z
  .array(z.int().min(0).max(999))
  .max(100)
  .meta({ description: 'Agenda steps done, as 0-based indexes into the session’s agenda; each once' });

export const attendanceBatchBody = z
  .object({
    delivery: z.object({
      id: uuid,
      bankId: uuid,
      sessionId: text()
        .min(1)
        .max(200)
        .meta({ description: 'Stable id of the curriculum session, e.g. gv-violencia-no-es-normal' }),
      deliveredOn: isoDate,
    }),
    records: z
      .array(z.object({ id: uuid, memberId: uuid, present: z.boolean() }))
      .min(1, { error: 'needs at least one member' })
      .max(200),
    /**
     * Which agenda steps of the session were done: 0-based indexes, each once, below the agenda's
     * length (422 delivery.step_out_of_range / delivery.step_repeated). Optional: left out, the
     * roll call says nothing of the steps; [] says none was done. Never text.
     */
    stepsDone: stepsDone.optional(),
  })
  .meta({
    id: 'AttendanceBatch',
    description: 'A whole session’s roll call. Written in one transaction: all rows or none.',
  });
/** The last day a roll call may be corrected by its facilitator (README, "Correcting a roll call"). */
const correctableUntil = z.iso.date().meta({
  description:
    'Last day (YYYY-MM-DD) on which the bank’s facilitator may correct this roll call; after it, only an admin’s reopening gives her a new window',
});
const rollCallVersion = z
  .int()
  .min(1)
  .meta({ description: 'The roll call’s current version: 1 as first sent, one more per correction' });
export const attendanceBatchResponse = z.object({
  delivery: z.object({
    id: uuid,
    status: z.enum(['created', 'unchanged']),
    curriculumVersion: z.string(),
    version: rollCallVersion,
    correctableUntil,
  }),
  records: savedCounts,
});

export const deliverySchema = z
  .object({
    id: uuid,
    bankId: uuid,
    sessionId: z.string(),
    curriculumVersion: z.string(),
    deliveredOn: z.string(),
    correctableUntil,
    correctable: z.boolean().meta({
      description: 'True while its facilitator may still correct it (today is on or before correctableUntil)',
    }),
    version: rollCallVersion.optional().meta({ description: 'For the bank’s own facilitator only' }),
    present: z.int().optional().meta({ description: 'Present only for the bank’s own facilitator' }),
    absent: z.int().optional().meta({ description: 'Present only for the bank’s own facilitator' }),
  })
  .meta({ id: 'Delivery' });
export const attendanceRowSchema = z.object({
  id: uuid,
  memberId: uuid,
  memberCode: z.string(),
  present: z.boolean(),
  displayName: z.string(),
});
/** One roll call as its facilitator opens it to correct it: which meeting, which version, until when. */
export const rollCallSchema = z
  .object({
    id: uuid,
    bankId: uuid,
    sessionId: z.string(),
    deliveredOn: z.string(),
    version: rollCallVersion,
    correctableUntil,
    correctable: z.boolean(),
  })
  .meta({ id: 'RollCall' });

export const workshopBody = z.object({
  id: uuid,
  regionId: uuid,
  title: shortText(120),
  startsOn: isoDate.meta({ description: 'The first day; the workshop runs `days` consecutive days from it' }),
  days: z.int().min(1).max(10),
  place: shortText(80)
    .optional()
    .meta({ description: 'Where it is held, e.g. "Local comunal de Huanta" — never a person' }),
});
export const workshopSchema = workshopBody
  .extend({
    place: z.string().nullable().meta({ description: 'Null for workshops recorded before places were kept' }),
    participants: z
      .int()
      .optional()
      .meta({ description: 'For a facilitator: how many women of her own banks took part' }),
    trained: z
      .int()
      .optional()
      .meta({ description: 'For a facilitator: how many women of her own banks attended every day' }),
  })
  .meta({ id: 'Workshop' });
export const participantsBody = z.object({
  participants: z
    .array(z.object({ id: uuid, memberId: uuid, daysAttended: z.int().min(0).max(10) }))
    .min(1)
    .max(200),
});
/**
 * Days attended as typed in the office, one row per woman: the stored value becomes this one (0
 * takes her off the workshop). The answer is only how many rows were written, so a reader who may
 * record but not read participation (the admin) learns nothing she did not type.
 */
export const participantDaysBody = z.object({
  participants: z
    .array(
      z.object({
        memberId: uuid,
        daysAttended: z.int().min(0).max(10).meta({ description: '0 = she did not take part' }),
      }),
    )
    .min(1)
    .max(200),
});
export const savedRows = z.object({ saved: z.int().meta({ description: 'Rows written: always the number sent' }) });

export const activityBody = z
  .object({
    id: uuid,
    bankId: uuid,
    heldOn: isoDate,
    place: shortText(80).meta({ description: 'The place, e.g. "Plaza de Vilcashuamán" — never a person' }),
    activityType: z.enum(keysOf(activityTypes)),
    reached: z.object({
      women: z.int().min(0).max(100_000),
      men: z.int().min(0).max(100_000),
      girls: z.int().min(0).max(100_000),
      boys: z.int().min(0).max(100_000),
    }),
  })
  .meta({ id: 'Activity', description: 'A community mobilisation activity: counts of people reached, never names.' });

export const periodQuery = z.object({ from: isoDate.optional(), to: isoDate.optional() });
export const indicatorsQuery = periodQuery.extend({
  programmeId: text().min(1).max(200),
  regionId: uuid.optional(),
  bankId: uuid.optional(),
  groupBy: z.enum(['bank', 'region']).optional(),
});
/**
 * A count. Above the facilitator a whole unit (bank, region, organisation) can be "oculto": its
 * counts of women are hidden together, because one of them is small or would let a small one be
 * worked out (README, "What each role sees").
 */
export const countCell = z.union([z.int(), z.literal('oculto')]).meta({ id: 'Count' });
/**
 * The counts of the programme's women a unit publishes: the one declaration of their names, order
 * and meaning. The indicators' types, their zeros and hidden cells (indicators/figures.ts) and the
 * CSV's columns (exports/export.service.ts) are all read from this shape.
 */
export const personCellsSchema = z.object({
  /** Women enrolled in the unit's banks (for a chosen period: enrolled by its last day). */
  enrolled: countCell.meta({ description: 'Women enrolled in the unit’s banks' }),
  /** Enrolled women who came to at least one of the programme's counted sessions. */
  attendedAtLeastOne: countCell.meta({ description: 'Women who came to at least one counted session' }),
  /** Women who came to enough distinct counted sessions to complete (the programme's rule). */
  completed: countCell.meta({ description: 'Women who completed by the programme’s rule' }),
  /** Women of the unit trained as community leaders at a workshop (workshops/trained.ts). */
  leadersTrained: countCell.meta({ description: 'Women trained as community leaders' }),
});
/** Counts of public events: not records about the programme's women, so never hidden. */
export const eventCellsSchema = z.object({
  /** Community mobilisation activities held in the unit's banks. */
  activities: countCell.meta({ description: 'Community activities held' }),
  /** People reached at those activities (women, men, girls and boys counted together). */
  peopleReached: countCell.meta({ description: 'People reached at the activities' }),
});
/** One unit's figures: the women's counts, then the events', in this order (the CSV's columns too). */
export const figuresSchema = z
  .object({ ...personCellsSchema.shape, ...eventCellsSchema.shape })
  .meta({ id: 'Figures' });
export const indicatorsResponse = z.object({
  programme: z.object({
    id: z.string(),
    title: z.string(),
    completionRule: z.object({ manual: z.string(), minSessions: z.int(), countedSessions: z.int() }),
  }),
  suppressed: z.boolean().meta({
    description:
      'True above the facilitator: counts of women come from the protected table, programme to date, and may be "oculto"',
  }),
  total: figuresSchema,
  groups: z.array(z.object({ id: z.string(), code: z.string(), figures: figuresSchema })).optional(),
});

export const auditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.iso
    .datetime()
    .optional()
    .meta({ description: 'Only entries written before this time. A filter, not a way to page: use `cursor`.' }),
  cursor: z.string().max(200).optional().meta({
    description:
      'The `next` of the previous page, unchanged: the page starts right after its last entry, so none is skipped or repeated.',
  }),
});
export const auditEntrySchema = z
  .object({
    id: z.string(),
    at: z.string(),
    actorId: z.string().nullable(),
    actorEmail: z.string().nullable(),
    action: z.string(),
    entity: z.string().nullable(),
    entityId: z.string().nullable(),
    address: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'AuditEntry' });
export const auditPage = z.object({
  entries: z
    .array(auditEntrySchema)
    .meta({ description: 'Newest first; entries written in the same millisecond ordered by id' }),
  next: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page' }),
});
export const exportQuery = periodQuery.extend({ bankId: uuid.optional() });

export const correctionBody = z
  .object({
    id: uuid.meta({ description: 'The correction’s UUID, made by the phone: sending it again changes nothing' }),
    basedOn: z
      .int()
      .min(1)
      .max(100_000)
      .meta({
        description:
          'The version that was corrected (GET /deliveries/{deliveryId}/attendance gives ' +
          'it). If the roll call has another version by now: 409 delivery.version_changed',
      }),
    records: z
      .array(z.object({ memberId: uuid, present: z.boolean() }))
      .min(1, { error: 'needs at least one member' })
      .max(200)
      .meta({
        description: 'The new marks: the whole list, or only those that change; a member not named keeps her mark',
      }),
    /** The steps done as corrected: the whole list. Left out, the version keeps the steps of the one before. */
    stepsDone: stepsDone.optional(),
  })
  .meta({
    id: 'Correction',
    description: 'A correction of a roll call by the bank’s own facilitator: a new version, the earlier ones kept.',
  });
export const correctionResponse = z.object({
  status: z.enum(['created', 'unchanged']).meta({ description: 'unchanged: this correction id was saved before' }),
  delivery: z.object({ id: uuid, version: rollCallVersion, correctableUntil }),
  changed: z.int().meta({ description: 'Marks this correction changed' }),
});
export const reopenResponse = z.object({
  delivery: z
    .object({ id: uuid, bankId: uuid, sessionId: z.string(), deliveredOn: z.string(), correctableUntil })
    .meta({ description: 'Which meeting, and until when its facilitator may correct it: no marks, no counts' }),
});
export const rollCallVersionSchema = z
  .object({
    version: rollCallVersion,
    basedOn: z.int().nullable().meta({ description: 'The version it corrected; null for the roll call as first sent' }),
    recordedBy: uuid,
    recordedByName: z.string().nullable(),
    recordedAt: z.iso.datetime(),
    changed: z.int().meta({ description: 'Marks changed from the version before' }),
    marks: z.array(z.object({ memberId: uuid, memberCode: z.string(), present: z.boolean() })),
  })
  .meta({ id: 'RollCallVersion' });
