import organisation from 'virtual:tejido/organisation';
import { siteLanguages } from '../schemas/organisation.ts';

/**
 * The translation a page's address is under (`/en/creditos/` → `en`), or undefined for the default
 * language. For pages that need it before `<StarlightPage>` has set `locals.starlightRoute`.
 */
export function localeOfPath(pathname: string): string | undefined {
  const first = pathname.split('/')[1];
  return siteLanguages(organisation)
    .slice(1)
    .map((l) => l.code)
    .find((code) => code === first);
}
