import type { z } from 'zod';
import { ApiError, type ErrorCode } from '../attendance/errors.ts';
import type { Principal } from '../attendance/principal.ts';
import { formatFieldPath } from '../curriculum/content-error.ts';
import { isUniqueViolation } from '../attendance/db/errors.ts';
import type { Contract } from '../api/v1/contracts.ts';
import type { OfficeContext } from './context.ts';
import type { Translate } from './i18n.ts';

type Out<T> = T extends z.ZodType ? z.output<T> : undefined;

/** An error as a page shows it: the API's code and field, and sentences in the reader's language. */
export interface OfficeError {
  code: ErrorCode;
  field?: string;
  message: string;
  /** One sentence per bad row (a roster file's lines), in the reader's language. */
  rows?: { row: number; field: string; message: string }[];
}

export type Outcome<R> = { ok: true; value: R } | { ok: false; error: OfficeError };

export interface ActionInput<C extends Contract> {
  params: Out<C['params']>;
  query: Out<C['query']>;
  body: Out<C['body']>;
  principal: Principal;
}

/**
 * Runs one of the API's actions from a page, under the API's own rules: the contract's roles,
 * its zod schemas for params, query and body, and the same service call as its route file. The
 * page gets the value, or the error in the reader's language; the service has written the audit
 * log entry exactly as it does for the API.
 */
export async function perform<C extends Contract, R>(
  ctx: OfficeContext,
  contract: C,
  raw: { params?: unknown; query?: unknown; body?: unknown },
  run: (input: ActionInput<C>) => Promise<R>,
): Promise<Outcome<R>> {
  try {
    const principal = ctx.principal;
    if (contract.roles !== 'public') {
      if (!principal) throw new ApiError('unauthenticated', 'Sign in first.');
      if (!contract.roles.includes(principal.role))
        throw new ApiError('forbidden', `This action is for: ${contract.roles.join(', ')}.`);
    }
    const params = parse(contract.params, raw.params ?? {});
    const query = parse(contract.query, raw.query ?? {});
    const body = contract.body ? parse(contract.body, raw.body) : undefined;
    const value = await run({ params, query, body, principal: principal as Principal } as ActionInput<C>);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof FormIssue)
      return {
        ok: false,
        error: {
          code: 'invalid_request',
          field: error.field,
          message: issueSentence(ctx.t, ctx.has, error.issue, error.field),
        },
      };
    if (error instanceof ApiError) return { ok: false, error: localise(ctx.t, ctx.has, error) };
    if (isUniqueViolation(error))
      return { ok: false, error: { code: 'conflict', message: ctx.t('office.error.conflict') } };
    throw error;
  }
}

class FormIssue extends Error {
  readonly issue: z.core.$ZodIssue;
  readonly field: string;
  constructor(issue: z.core.$ZodIssue, field: string) {
    super(issue.message);
    this.issue = issue;
    this.field = field;
  }
}

function parse<S extends z.ZodType | undefined>(schema: S, value: unknown) {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0] as z.core.$ZodIssue;
  throw new FormIssue(issue, formatFieldPath(issue.path));
}

/** The last name in a field path: `members[3].memberCode` → `memberCode`, which names its label. */
export const fieldName = (field: string) =>
  field
    .replace(/\[\d+\]/g, '')
    .split('.')
    .pop() ?? field;

/** "Código: usa de 1 a 24 letras, números o guiones." — the field's label, then what is wrong. */
export function issueSentence(
  t: Translate,
  has: (key: string) => boolean,
  issue: z.core.$ZodIssue,
  field: string,
): string {
  const name = fieldName(field);
  const label = has(`office.field.${name}`) ? t(`office.field.${name}`) : name;
  const specific = `office.issue.${name}.${issue.code}`;
  const vars = {
    label,
    minimum: String((issue as { minimum?: unknown }).minimum ?? ''),
    maximum: String((issue as { maximum?: unknown }).maximum ?? ''),
  };
  // A missing value reads "is required" whatever zod's code for it.
  const missing = issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined;
  const key = has(specific)
    ? specific
    : missing
      ? 'office.issue.required'
      : has(`office.issue.${issue.code}`)
        ? `office.issue.${issue.code}`
        : 'office.issue.invalid';
  return t(key, vars);
}

/** A service's refusal in the reader's language: by its named rule when it has one, else by code. */
export function localise(t: Translate, has: (key: string) => boolean, error: ApiError): OfficeError {
  const rowsIn =
    (error.extra?.rows as
      | { row: number; field: string; message: string; rule?: string; params?: Record<string, string | number> }[]
      | undefined) ?? undefined;
  const sentence = (rule: string | undefined, params: Record<string, string | number> | undefined, code: string) =>
    rule && has(`office.rule.${rule}`)
      ? t(`office.rule.${rule}`, params)
      : t(has(`office.error.${code}`) ? `office.error.${code}` : 'office.error.unprocessable');
  return {
    code: error.code,
    field: error.field,
    message: sentence(error.rule, error.params, error.code),
    rows: rowsIn?.map((r) => ({
      row: r.row,
      field: r.field,
      message: sentence(r.rule, { ...r.params, line: r.row }, 'invalid_rows'),
    })),
  };
}
