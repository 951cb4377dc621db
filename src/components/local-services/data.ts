import { createHash } from 'node:crypto';
import type { LocalService, Locality } from '../../curriculum/schemas/index.ts';

/** A sentence of the interface in one language; `{{name}}` is replaced by `vars.name`. */
export type Translate = (key: string, vars?: Record<string, string>) => string;

/** One local service as the district picker shows it: already worded in the page's language. */
export interface ServiceLine {
  /** The national service it is an office of (`cem`, `demuna`…): a page shows only the kinds it refers to. */
  kind: string;
  name: string;
  place: string;
  /** As written in the directory; the link dials it without spaces. */
  phone?: string;
  /** Hours, travel time, fare and languages, each with its label, joined by " · ". */
  details?: string;
}

/** Every district's local services in one language: what `/servicios-locales/<lang>.<hash>.json` holds. */
export interface LocalServicesFile {
  /** The label before a phone number ("Teléfono"). */
  phone: string;
  /** By locality id, in the directory's order. */
  localities: Record<string, { heading: string; services: ServiceLine[] }>;
}

/** Where the files are, under the built site (src/pages/servicios-locales/[file].json.ts). */
export const SERVICES_DIR = 'servicios-locales';
/** A file's name: its language and the first 10 hex digits of its content's sha256, so a phone may keep it for good. */
export const SERVICES_FILE = new RegExp(`^/${SERVICES_DIR}/[a-z]{2,3}(?:-[A-Za-z0-9]+)?\\.[0-9a-f]{10}\\.json$`);

/** Hours, travel time, fare and languages of a service, each only where someone checked it. */
export function serviceDetails(service: LocalService, t: Translate, lang: string): string[] {
  // Language names from the runtime's own data ("quechua"), so no list of names is kept here.
  const names = new Intl.DisplayNames([lang], { type: 'language' });
  return [
    service.hours,
    service.travelTime && `${t('tejido.locality.travel')}: ${service.travelTime}`,
    service.fare && `${t('tejido.locality.fare')}: ${service.fare}`,
    service.languages &&
      `${t('tejido.locality.languages')}: ${service.languages.map((code) => names.of(code) ?? code).join(', ')}`,
  ].filter((d): d is string => Boolean(d));
}

/** The file's content and address for one language. The same input always gives the same bytes and name. */
export function localServicesFile(
  localities: readonly Locality[],
  t: Translate,
  lang: string,
): { url: string; body: string; file: LocalServicesFile } {
  const file: LocalServicesFile = {
    phone: t('tejido.locality.phone'),
    localities: Object.fromEntries(
      localities.map((l) => [
        l.id,
        {
          heading: t('tejido.locality.local', { district: l.district }),
          services: l.services.map((s) => {
            const details = serviceDetails(s, t, lang).join(' · ');
            return {
              kind: s.kind,
              name: s.name,
              place: s.place,
              ...(s.phone ? { phone: s.phone } : {}),
              ...(details ? { details } : {}),
            };
          }),
        },
      ]),
    ),
  };
  const body = JSON.stringify(file);
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
  return { url: `/${SERVICES_DIR}/${lang}.${hash}.json`, body, file };
}
