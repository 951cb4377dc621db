import type { ErrorRule } from './error-rules.ts';

export type { ErrorRule };

/** The error codes the API answers with, and the HTTP status each one maps to. */
export const errorStatus = {
  invalid_request: 400,
  /** A free period asked for by someone above the facilitator: figures about women are programme-to-date only. */
  fixed_period: 400,
  unauthenticated: 401,
  forbidden: 403,
  /** A bearer token asked for another token: only a signed-in session (cookie) may mint one. */
  token_from_token: 403,
  /** The current password given to change it is not right. */
  wrong_password: 403,
  not_found: 404,
  conflict: 409,
  /** An admin tried to deactivate her own account (there would be no one left to undo it). */
  own_account: 409,
  payload_too_large: 413,
  invalid_rows: 422,
  unprocessable: 422,
  rate_limited: 429,
  internal_error: 500,
  /** Too many password hashes at once in this process: try again after Retry-After. */
  server_busy: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface RowError {
  /** Index of the row in the request (0-based) or line in a CSV file (1-based, header is line 1). */
  row: number;
  field: string;
  message: string;
  /** The named rule the row breaks (e.g. `member.code_taken`, listed in error-rules.ts): clients switch on it. */
  rule?: ErrorRule;
  /** Values the rule's sentence names (a code, a line number). */
  params?: Record<string, string | number>;
}

/** What a page needs to say an error in the reader's language: the rule's name and its values. */
export interface ErrorOptions {
  field?: string;
  extra?: Record<string, unknown>;
  /** A named rule (e.g. `bank.code_taken`); sent to API clients too, so none has to match message text. */
  rule?: ErrorRule;
  params?: Record<string, string | number>;
}

/**
 * A failure the client can act on. Services throw it; the route layer turns it into
 * `{ error: { code, message, field } }` with the matching status.
 */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  readonly extra?: Record<string, unknown>;
  readonly rule?: ErrorRule;
  readonly params?: Record<string, string | number>;

  constructor(code: ErrorCode, message: string, options: ErrorOptions = {}) {
    super(message);
    this.code = code;
    this.field = options.field;
    this.extra = options.extra;
    this.rule = options.rule;
    this.params = options.params;
  }

  get status(): number {
    return errorStatus[this.code];
  }

  toJSON() {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.field ? { field: this.field } : {}),
        ...(this.rule ? { rule: this.rule } : {}),
        ...(this.params ? { params: this.params } : {}),
        ...this.extra,
      },
    };
  }
}

/** Something that does not exist, or exists outside the caller's scope: the two look the same. */
export const notFound = (what: string, field?: string) =>
  new ApiError('not_found', `${what} was not found.`, { field });
