// Rules between the organisation config (content/organisation.yaml) and the rest of the content.
import { contentPaths } from '../load/from-disk.ts';
import type { BrokenIds, Curriculum } from '../resolve.ts';
import type { Organisation } from '../schemas/index.ts';
import type { ContentRule, RuleIssue } from './rule.ts';

/** What the rules of the organisation config alone read. */
export interface ConfigInput {
  /** The organisation config, once it passed its schema. */
  organisation: Organisation;
  /** Whether a path under content/ names a file (the logo). */
  contentFileExists: (path: string) => boolean;
}

/** What the organisation rules read. */
export interface OrganisationInput {
  /** The organisation config, once it passed its schema. */
  organisation: Organisation;
  /** The linked curriculum. */
  curriculum: Curriculum;
  /** Ids of pages that failed their schema: references to them are not reported again. */
  broken: BrokenIds;
}

const file = contentPaths.organisation;

/** Checked as soon as the config is read, so a missing logo shows even when other files are broken. */
export const logoExists: ContentRule<ConfigInput> = {
  id: 'logo-exists',
  scope: 'organisation',
  summary: {
    es: 'El logo que nombra la institución es un archivo que existe en content/.',
    en: 'The logo the organisation names is a file that exists in content/.',
  },
  check: ({ organisation: { logo }, contentFileExists }) =>
    logo && !contentFileExists(logo)
      ? [{ file, field: 'logo', message: `the file content/${logo} does not exist — add it or fix the path` }]
      : [],
};

export const organisationProgrammeExists: ContentRule<OrganisationInput> = {
  id: 'organisation-programme-exists',
  scope: 'organisation',
  summary: {
    es: 'Cada programa de la lista de la institución existe.',
    en: "Every programme in the organisation's list exists.",
  },
  check: ({ organisation, curriculum }) =>
    (organisation.programmes ?? []).flatMap((id, i) =>
      curriculum.programmes.some((p) => p.id === id)
        ? []
        : [
            {
              file,
              field: `programmes[${i}]`,
              message: `there is no programme "${id}" — use one of: ${curriculum.programmes.map((p) => p.id).join(', ')}`,
            },
          ],
    ),
};

/** Every safety box links to the safety plan the organisation names: once one session has a box, it must name one. */
export const safetyPlanNamed: ContentRule<OrganisationInput> = {
  id: 'safety-plan-named',
  scope: 'organisation',
  summary: {
    es: 'Si alguna sesión tiene recuadro de seguridad, la institución nombra su hoja de plan de seguridad.',
    en: 'If any session has a safety box, the organisation names its safety-plan handout.',
  },
  check: ({ organisation, curriculum }): RuleIssue[] => {
    const boxed = curriculum.sessions.find((s) => s.safety);
    if (organisation.safetyPlanHandout !== undefined || !boxed) return [];
    const message =
      `is missing — every safety box links to a safety plan (${boxed.file} has a box): ` +
      'add the id of a handout page, like safetyPlanHandout: hoja-plan-de-seguridad';
    return [{ file, field: 'safetyPlanHandout', message }];
  },
};

export const safetyPlanExists: ContentRule<OrganisationInput> = {
  id: 'safety-plan-exists',
  scope: 'organisation',
  summary: {
    es: 'La hoja de plan de seguridad que nombra la institución existe.',
    en: 'The safety-plan handout the organisation names exists.',
  },
  check: ({ organisation, curriculum, broken }): RuleIssue[] => {
    const id = organisation.safetyPlanHandout;
    if (id === undefined || curriculum.handouts.some((h) => h.id === id) || broken.handout.has(id)) return [];
    const known = curriculum.handouts.map((h) => h.id).join(', ') || 'none yet';
    const message =
      `no handout has the id "${id}" — fix the id or add a page with a handout block (id: ${id}); ` +
      `handouts: ${known}`;
    return [{ file, field: 'safetyPlanHandout', message }];
  },
};
