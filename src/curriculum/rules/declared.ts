// Rules checked where the data is read, not across pages: a page's zod schema (its issues carry
// `params.rule`, which the loader copies onto the error) or a stage of `checkContent`. Listed
// here so the registry, the Adaptar page and the per-rule tests see every rule in one place.
import type { DeclaredRule } from './rule.ts';

const page = (id: string, es: string, en: string): DeclaredRule => ({ id, scope: 'page', summary: { es, en } });
const stage = (id: string, es: string, en: string): DeclaredRule => ({ id, scope: 'stage', summary: { es, en } });

/** What every error of a loader or a schema falls under when no named rule below is more exact. */
export const SCHEMA_RULE = 'schema';

export const declaredRules: readonly DeclaredRule[] = [
  stage(
    'yaml-syntax',
    'El YAML de cada archivo se puede leer: sangría y comillas bien puestas.',
    "Each file's YAML can be read: indentation and quotes in place.",
  ),
  stage(
    SCHEMA_RULE,
    'Cada archivo existe y sus campos siguen el esquema: nombres, tipos y valores permitidos.',
    'Every file exists and its fields follow the schema: names, types and allowed values.',
  ),
  stage(
    'vocabulary-labels',
    'Cada valor de content/vocabulary.yaml tiene su nombre en el idioma principal del sitio.',
    "Every value in content/vocabulary.yaml has a label in the site's default language.",
  ),
  page(
    'agenda-minutes',
    'Los minutos de los pasos de la agenda suman la duración de la sesión.',
    "The agenda steps' minutes add up to the session's duration.",
  ),
  page(
    'session-safety-box',
    'Una sesión que toca la violencia tiene recuadro de seguridad con qué hacer y a dónde derivar.',
    'A session that touches violence has a safety box: what to do and where to refer.',
  ),
  page(
    'short-version/unknown-step',
    'La versión corta solo nombra pasos que están en la agenda.',
    'The short version names only steps that are on the agenda.',
  ),
  page(
    'short-version/step-twice',
    'La versión corta nombra cada paso una sola vez.',
    'The short version names each step once.',
  ),
  page(
    'short-version/step-missing',
    'La versión corta dice qué hace con cada paso de la agenda.',
    'The short version says what it does with every agenda step.',
  ),
  page(
    'short-version/minutes',
    'Solo un paso acortado lleva minutos, y menos que los suyos.',
    'Only a shortened step has minutes, fewer than its own.',
  ),
  page(
    'short-version/total',
    'Los pasos que quedan en la versión corta suman sus minutos.',
    'The steps kept in the short version add up to its minutes.',
  ),
  page(
    'short-version/safety-step-cut',
    'La versión corta mantiene enteros los pasos de seguridad.',
    'The short version keeps the safety steps whole.',
  ),
  page(
    'short-version/no-safety-step',
    'Una sesión que toca la violencia marca sus pasos de seguridad antes de tener versión corta.',
    'A session that touches violence marks its safety steps before it has a short version.',
  ),
  page(
    'aid-id-unique',
    'Cada material para imprimir de una sesión tiene un id propio.',
    'Every printable aid of a session has its own id.',
  ),
  page(
    'aid-for-material',
    'Un material para imprimir reemplaza a un material que la sesión nombra tal cual.',
    'A printable aid replaces a material the session lists, written exactly.',
  ),
  page(
    'aid-fits-kind',
    'El texto de cada material para imprimir cabe en su tipo: letrero, tarjeta, afiche o pictograma.',
    "Each printable aid's text fits its kind: sign, card, poster or pictogram.",
  ),
  page(
    'day-blocks-in-order',
    'Los bloques de horario de un día terminan después de empezar y no se cruzan.',
    "A day's schedule blocks end after they start and do not overlap.",
  ),
  page(
    'credits-keep-original',
    'Los créditos mantienen siempre a la obra original, con role: original.',
    'Credits always keep the original work, with role: original.',
  ),
  stage(
    'translation-matches-source',
    'Cada traducción tiene su página de origen y mantiene sus ids, pasos, derivación y materiales.',
    'Every translation has its source page and keeps its ids, steps, referrals and aids.',
  ),
  stage(
    'adaptation-matches-upstream',
    'Una adaptación mantiene las partes esenciales de su sesión de origen, o dice por qué las quita.',
    'An adaptation keeps the core parts of its upstream session, or says why it removes them.',
  ),
  stage(
    'locality-services',
    'Los servicios locales tienen ids únicos y son oficinas de un servicio del directorio nacional.',
    'Local services have unique ids and are offices of a service of the national directory.',
  ),
];
