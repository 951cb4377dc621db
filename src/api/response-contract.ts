import type { z } from 'zod';
import { formatFieldPath } from '../curriculum/content-error.ts';

/**
 * Where a response body breaks its contract's schema: a value the schema refuses, or a field the
 * schema does not declare (zod drops those when parsing, so the parsed body differs from the one
 * sent). Empty when the body keeps its contract. The access-matrix test runs it on every 2xx
 * answer: a handler that starts returning an undeclared field (a name, a member's marks) fails
 * there, not in production.
 */
export function responseContractViolations(schema: z.ZodType, body: unknown): string[] {
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    return parsed.error.issues.map((issue) => `${formatFieldPath(issue.path) || '(body)'}: ${issue.message}`);
  return differences(body, parsed.data, []);
}

function differences(sent: unknown, declared: unknown, path: PropertyKey[]): string[] {
  const at = () => formatFieldPath(path) || '(body)';
  if (Array.isArray(sent) && Array.isArray(declared))
    return sent.flatMap((item, i) => differences(item, declared[i], [...path, i]));
  if (isObject(sent) && isObject(declared)) {
    return Object.keys(sent).flatMap((key) =>
      key in declared
        ? differences(sent[key], declared[key], [...path, key])
        : [`${formatFieldPath([...path, key])}: not in the contract`],
    );
  }
  return Object.is(sent, declared) || JSON.stringify(sent) === JSON.stringify(declared)
    ? []
    : [`${at()}: sent ${JSON.stringify(sent)}, the contract makes it ${JSON.stringify(declared)}`];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
