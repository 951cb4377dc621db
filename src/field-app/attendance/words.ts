import type { UiStringKey } from '../../curriculum/schemas/ui-strings.ts';

/**
 * The attendance screen's words, in the page's language. The page writes them into a JSON script
 * (AttendanceScreen.astro, from content/i18n/), so this script carries none and one bundle serves
 * every language. Keys drop their `tejido.field.` prefix there: `sync.offline`, not
 * `tejido.field.sync.offline`. `{{name}}` in a text is replaced by `vars.name`.
 */

/** Each key of `K` without the field app's prefix (a generic, so the union is taken key by key). */
type Unprefixed<K> = K extends `tejido.field.${infer R}` ? R : never;
/** Each key of `K` with a singular form, without its `One`. */
type PluralOf<K> = K extends `${infer R}One` ? R : never;
/** A field-app key without its prefix, e.g. `sync.offline`. */
export type FieldKey = Unprefixed<UiStringKey>;
/** The keys the script uses: `page.*` keys are written straight into the markup, `update.*` are register.ts's. */
export type ScriptKey = Exclude<FieldKey, `page.${string}` | `update.${string}`>;
/** Keys with a singular (`…One`) and a plural (`…Other`) form. */
export type PluralKey = PluralOf<ScriptKey>;
export type Vars = Record<string, string | number>;
export type Words = (key: ScriptKey, vars?: Vars) => string;

/** The id of the page's JSON script that holds the words. */
export const WORDS_ID = 'field-words';
/** The prefix every field-app key carries in content/i18n/. */
export const KEY_PREFIX = 'tejido.field.';

/** A missing key shows as itself, so a missing sentence is visible rather than blank. */
export const wordsFrom =
  (table: Readonly<Record<string, string | undefined>>): Words =>
  (key, vars = {}) =>
    (table[key] ?? key).replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));

let fromPage: Words | undefined;
/** The page's words, read once on first use (never at import: sync.ts is also run outside a page). */
export const t: Words = (key, vars) =>
  (fromPage ??= wordsFrom(JSON.parse(document.getElementById(WORDS_ID)?.textContent || '{}')))(key, vars);

/** `key` + `One` for one, `key` + `Other` for any other count (Spanish and English agree on that). */
export const plural = (words: Words, key: PluralKey, count: number, vars: Vars = {}) =>
  words(`${key}${count === 1 ? 'One' : 'Other'}` as ScriptKey, { count, ...vars });

/** The page's language, for dates: `es` unless the page says otherwise. */
export const pageLang = () => globalThis.document?.documentElement.lang || 'es';
