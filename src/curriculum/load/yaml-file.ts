import { LineCounter, parseDocument, isMap, isScalar, isSeq, type Document } from 'yaml';
import type { z } from 'zod';
import { describeIssue, formatFieldPath, type ContentError } from '../content-error.ts';
import { SCHEMA_RULE } from '../rules/declared.ts';

/** YAML text with what is needed to point an error at a line. */
export interface ParsedYaml {
  value: unknown;
  errors: ContentError[];
  lineOf: (path: readonly PropertyKey[]) => number | undefined;
}

/**
 * Parses YAML keeping positions, so a schema issue at `session.agenda[2]` can be reported at
 * the line where that step is written. `firstLine` is where the YAML starts in its file
 * (frontmatter starts on line 2, after the opening `---`).
 */
export function parseYaml(text: string, file: string, firstLine = 1): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false });
  const toFileLine = (offset: number) => lineCounter.linePos(offset).line + firstLine - 1;
  const errors: ContentError[] = doc.errors.map((e) => ({
    file,
    line: toFileLine(e.pos[0]),
    field: '',
    rule: 'yaml-syntax',
    message: `the YAML cannot be read (${e.code.toLowerCase().replaceAll('_', ' ')}) — check the indentation and quotes on this line`,
  }));
  // Points at the line of the deepest part of `path` that is written in the file: the key of a
  // field (not its value, which may start a line later), or the item of a list. A missing field
  // points at its parent's key.
  const lineOf = (path: readonly PropertyKey[]) => {
    let node: unknown = doc.contents;
    let offset: number | undefined;
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
        if (!pair) break;
        if (isScalar(pair.key) && pair.key.range) offset = pair.key.range[0];
        node = pair.value;
      } else if (isSeq(node) && typeof key === 'number') {
        const item = node.items[key] as { range?: [number, number, number] } | undefined;
        if (!item) break;
        if (item.range) offset = item.range[0];
        node = item;
      } else break;
    }
    return offset === undefined ? undefined : toFileLine(offset);
  };
  return { value: errors.length ? undefined : doc.toJS(), errors, lineOf };
}

/** Parses `parsed.value` with `schema`; on failure every issue becomes a located ContentError. */
export function validate<S extends z.ZodType>(
  schema: S,
  parsed: ParsedYaml,
  file: string,
): { data?: z.output<S>; errors: ContentError[] } {
  if (parsed.errors.length) return { errors: parsed.errors };
  // reportInput puts the offending value in the issue, so the message can quote it.
  const result = schema.safeParse(parsed.value ?? {}, { reportInput: true });
  if (result.success) return { data: result.data, errors: [] };
  return {
    errors: result.error.issues.map((issue) => ({
      file,
      line: parsed.lineOf(issue.path),
      field: formatFieldPath(issue.path),
      message: describeIssue(issue),
      rule: ruleOf(issue),
    })),
  };
}

/** The named rule a schema's refinement gives in `params.rule` (session.ts, aid-rules.ts), else `schema`. */
function ruleOf(issue: z.core.$ZodIssue): string {
  const rule = issue.code === 'custom' ? (issue.params as { rule?: unknown } | undefined)?.rule : undefined;
  return typeof rule === 'string' ? rule : SCHEMA_RULE;
}
