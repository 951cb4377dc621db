import type { z } from 'zod';

/** One problem in the content, located well enough for a non-programmer to fix it. */
export interface ContentError {
  /** Path from the project root, e.g. content/docs/imagen-peru/genero-y-violencia/sesion-3.mdx */
  file: string;
  /** 1-based line in the file, when it can be known. */
  line?: number;
  /** Dotted path of the field, e.g. session.agenda[2].minutes; empty for the whole file. */
  field: string;
  /** What is wrong and how to fix it. */
  message: string;
  /**
   * Id of the content rule broken, e.g. `session-in-one-manual` (the registry in src/curriculum/rules/ lists
   * them all). Every error `checkContent` returns has one; warnings may have none.
   */
  rule?: string;
}

/** An error as `checkContent` returns it: always named by its rule. */
export interface RuledContentError extends ContentError {
  /** Id of the rule broken. */
  rule: string;
}

/** Names every error without a rule by `rule`: the stage that found it (e.g. `schema` for the loaders). */
export function withRule(rule: string, errors: readonly ContentError[]): RuledContentError[] {
  return errors.map((e) => ({ ...e, rule: e.rule ?? rule }));
}

export function formatFieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out ? `${out}.${String(key)}` : String(key);
  }, '');
}

/**
 * `content/…/sesion-3.mdx:14 › session.agenda: the steps add up to … — fix one of them [agenda-minutes]`.
 * The rule id comes last, so the file stays first for editors that jump to `path:line`.
 */
export function formatContentError(error: ContentError): string {
  const where = error.line ? `${error.file}:${error.line}` : error.file;
  const text = error.field ? `${where} › ${error.field}: ${error.message}` : `${where}: ${error.message}`;
  return error.rule ? `${text} [${error.rule}]` : text;
}

export function formatContentErrors(errors: readonly ContentError[]): string {
  const noun = errors.length === 1 ? 'error' : 'errors';
  return [
    `The curriculum content has ${errors.length} ${noun}:`,
    ...errors.map((e) => `  ✗ ${formatContentError(e)}`),
  ].join('\n');
}

/**
 * Turns a zod issue into a sentence that says what is wrong and what to do. Messages written on
 * the schema itself (custom refinements, `error:` options) already do both and pass through.
 */
export function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `is missing — add it (expected ${issue.expected})`;
      return `must be ${article(issue.expected)} but is ${describeValue(issue.input)} — change it`;
    case 'invalid_value':
      return `${describeValue(issue.input)} is not allowed — use one of: ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys': {
      const unknown = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
      // In YAML's short form `{ text: a, b }` a comma starts a new field: "b" is text cut off.
      if (issue.keys.some((k) => /\s/.test(k)))
        return `${unknown} — if that is part of the text before it, put the whole text in quotes ("…")`;
      return `${unknown} — check the spelling or remove ${issue.keys.length > 1 ? 'them' : 'it'}`;
    }
    default:
      return issue.message;
  }
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function describeValue(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value === 'object') return 'a group of fields';
  return String(value);
}
