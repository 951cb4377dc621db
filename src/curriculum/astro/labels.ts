import { labelledLists as lists } from '../schemas/ui-strings.ts';
type Kind = keyof typeof lists;

type Translator = App.Locals['t'];

/**
 * The label of a closed-list value in the page's language: a translation file may name it
 * `tejido.<kind>.<value>` (e.g. tejido.audience.socias); otherwise the source label is used.
 */
export function labelOf(t: Translator, kind: Kind, value: string): string {
  const key = `tejido.${kind}.${value}`;
  // Label keys are built from the lists (ui-strings.ts `labelKeys`), so Starlight's typed key list lacks them.
  if (t.exists(key)) return (t as unknown as (key: string) => string)(key);
  return (lists[kind] as Record<string, string>)[value] ?? value;
}
