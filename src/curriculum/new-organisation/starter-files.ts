import { stringify } from 'yaml';
import { PLACEHOLDER } from '../placeholders.ts';
import type { ReferralDirectory } from '../schemas/index.ts';

const todo = (what: string) => `${PLACEHOLDER}: ${what}`;

/** content/organisation.yaml of a new copy: its name, country and languages, the defaults for the rest. */
export function organisationYaml(options: {
  name: string;
  country: string;
  programmes: string[];
  safetyPlanHandout: string;
}): string {
  const config = {
    name: options.name,
    shortName: options.name,
    country: options.country,
    defaultLanguage: 'es',
    languages: [{ code: 'es', label: 'Español' }],
    referralDirectory: options.country,
    safetyPlanHandout: options.safetyPlanHandout,
    colours: { primary: '#8a3b12' },
    programmes: options.programmes,
  };
  return [
    '# The organisation that publishes this copy of the curriculum (made by npm run new-organisation).',
    '# Change the colours, add a logo (logo: assets/logo.svg), a contact and a website.',
    stringify(config, { lineWidth: 0 }),
  ].join('\n');
}

/**
 * A starter referral directory: one entry per service key the copied sessions use, every fact only
 * the organisation can know marked POR COMPLETAR. No phone number is written: a wrong number in a
 * safety box is worse than a blank the check points at.
 */
export function starterReferrals(
  country: string,
  services: { key: string; upstreamName: string }[],
): ReferralDirectory {
  return {
    country,
    services: services.map(({ key, upstreamName }) => ({
      key,
      name: todo(`el servicio de su país que hace lo de «${upstreamName}»`),
      what: todo('qué hace el servicio por una mujer o una niña o un niño'),
      contact: todo('teléfono o lugar, confirmado con el mismo servicio'),
      hours: todo('horario'),
      cost: todo('costo'),
    })),
    confidentiality: {
      keeps: [
        'No escribo lo que una mujer me cuenta: ni en el cuaderno, ni en el celular, ni en la asistencia.',
        'No lo cuento al grupo, a la institución ni a su familia.',
        'Ella decide si busca ayuda, a dónde va y cuándo.',
      ],
      cannotKeep: [
        todo('qué hace la facilitadora si un niño o una niña está en peligro, y a qué servicio va'),
        todo('qué hace si la vida de la mujer corre peligro ahora'),
      ],
      mustReport: [{ who: todo('quién debe denunciar la violencia en este país'), what: todo('qué pide la ley') }],
      script: [
        'Lo que me cuentes queda entre nosotras y no lo escribo.',
        'Si un niño o una niña está en peligro, no puedo guardarlo y busco ayuda.',
        todo('quién debe denunciar la violencia en este país.'),
        'Tú decides qué contar, a quién y cuándo.',
      ],
    },
  };
}

/** The home page of the new copy. */
export function homePage(name: string, upstream: string): string {
  return [
    '---',
    `title: ${JSON.stringify(name)}`,
    `description: ${JSON.stringify(`Currículo de ${name}, adaptado de ${upstream}.`)}`,
    '---',
    '',
    `Bienvenida al currículo de ${name}.`,
    '',
    `Las sesiones son adaptaciones del currículo de ${upstream}. La página [Adaptaciones](/adaptaciones/) dice de qué versión viene cada una.`,
    '',
  ].join('\n');
}
