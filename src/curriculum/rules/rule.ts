import type { RuledContentError } from '../content-error.ts';

/** What a rule asks for, in one line, in each language the site is written in. */
export interface RuleSummary {
  /** Spanish, the default language. */
  es: string;
  /** English. */
  en: string;
}

/** Where a rule is checked: by a page's schema, by a stage of `checkContent`, or by `check` across pages. */
export type RuleScope = 'page' | 'stage' | 'curriculum' | 'organisation';

/** One broken rule, before the runner names it and finds its line. */
export interface RuleIssue {
  /** Path from the project root of the file to fix. */
  file: string;
  /** Dotted path of the field to fix, e.g. manual.sessions[2]. */
  field: string;
  /** What is wrong and how to fix it. */
  message: string;
}

/** A rule that is documented here but checked elsewhere (a page's zod schema, a loader): no `check`. */
export interface DeclaredRule {
  /** Stable kebab-case id: shown in `[…]` after each error and as `rule` in `npm run check -- --json`. */
  id: string;
  /** `page`: a page's schema checks it; `stage`: a step of `checkContent` (loading, translations, adaptations). */
  scope: 'page' | 'stage';
  /** One line saying what the rule asks for. */
  summary: RuleSummary;
}

/** A rule across pages: `check` reads the whole input and returns every place that breaks it. */
export interface ContentRule<I> {
  /** Stable kebab-case id: shown in `[…]` after each error and as `rule` in `npm run check -- --json`. */
  id: string;
  /** `curriculum`: pages linked to each other; `organisation`: the organisation config against the curriculum. */
  scope: 'curriculum' | 'organisation';
  /** One line saying what the rule asks for. */
  summary: RuleSummary;
  /** Every place that breaks the rule; empty when it holds. */
  check(input: I): RuleIssue[];
}

/** Runs every rule on `input` and names each issue by its rule, with the line of its field when known. */
export function runRules<I>(
  rules: readonly ContentRule<I>[],
  input: I,
  lineOf: (file: string, field: string) => number | undefined = () => undefined,
): RuledContentError[] {
  return rules.flatMap((rule) =>
    rule.check(input).map((issue) => {
      const line = lineOf(issue.file, issue.field);
      return {
        file: issue.file,
        ...(line === undefined ? {} : { line }),
        field: issue.field,
        message: issue.message,
        rule: rule.id,
      };
    }),
  );
}

/** `session.agenda[2].minutes` → `['session', 'agenda', 2, 'minutes']`, the path a YAML line reader takes. */
export function fieldPath(field: string): (string | number)[] {
  return field
    .split(/[.[\]]/)
    .filter(Boolean)
    .map((k) => (/^\d+$/.test(k) ? Number(k) : k));
}
