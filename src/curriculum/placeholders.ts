import type { ContentError } from './content-error.ts';
import { formatFieldPath } from './content-error.ts';

/**
 * The mark a new organisation's starter files carry where only the organisation can know the
 * answer (a service's phone, its hours). The build accepts it so the copy builds at once; the
 * check warns about each one, so nothing is published with a blank left in a safety box.
 */
export const PLACEHOLDER = 'POR COMPLETAR';

/** One warning per text field of `data` that still holds the placeholder. */
export function placeholderWarnings(file: string, data: unknown): ContentError[] {
  const found: ContentError[] = [];
  const walk = (value: unknown, path: PropertyKey[]) => {
    if (typeof value === 'string') {
      if (value.includes(PLACEHOLDER))
        found.push({
          file,
          field: formatFieldPath(path),
          message:
            `still says "${PLACEHOLDER}" — write the real ` +
            'information before publishing (ask the service itself; never guess a phone number)',
        });
    } else if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i]));
    else if (value && typeof value === 'object')
      for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
  };
  walk(data, []);
  return found;
}
