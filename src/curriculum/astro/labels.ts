import { activityTypes, audiences, methods, topics } from '../schemas/vocabulary.ts';

const lists = { audience: audiences, method: methods, topic: topics, activity: activityTypes } as const;
type Kind = keyof typeof lists;

type Translator = App.Locals['t'];

/**
 * The label of a closed-list value in the page's language: a translation file may name it
 * `tejido.<kind>.<value>` (e.g. tejido.audience.socias); otherwise the source label is used.
 */
export function labelOf(t: Translator, kind: Kind, value: string): string {
  const key = `tejido.${kind}.${value}`;
  // Keys of closed-list labels are open-ended (one per value), so they are not in the typed key list.
  if (t.exists(key)) return (t as unknown as (key: string) => string)(key);
  return (lists[kind] as Record<string, string>)[value] ?? value;
}
