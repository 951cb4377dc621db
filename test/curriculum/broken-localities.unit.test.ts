// Local services per district (content/referrals/<country>/<region>.yaml): the content check
// refuses each broken case naming the file, the line and the field, and accepts a complete
// (fictitious) region that uses every field. Kept apart from broken-content.test.ts, whose
// fixtures replace the minimal site's session; these add region files beside its directory.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkContent } from '../../src/curriculum/check.ts';
import { formatContentError } from '../../src/curriculum/content-error.ts';
import { contentRootWithSession, fixtures } from '../support/content-root.ts';

/** The minimal site with a national directory that has cem and comisaria, plus these region files. */
function rootWithRegions(regions: Record<string, string>): string {
  const root = contentRootWithSession();
  copyFileSync(join(fixtures, 'localities', 'pe.yaml'), join(root, 'content/referrals/pe.yaml'));
  mkdirSync(join(root, 'content/referrals/pe'), { recursive: true });
  for (const [name, fixture] of Object.entries(regions))
    copyFileSync(fixture, join(root, 'content/referrals/pe', name));
  return root;
}
const broken = (name: string) => join(fixtures, 'broken-content', name);
const errorsFor = (regions: Record<string, string>) =>
  checkContent(rootWithRegions(regions)).errors.map(formatContentError);

describe('local services per district', () => {
  test('a complete fictitious region, every field filled, is valid and joins the directory in file order', () => {
    const result = checkContent(rootWithRegions({ 'ficticia.yaml': join(fixtures, 'localities', 'ficticia.yaml') }));
    expect(result.errors).toEqual([]);
    const localities = result.curriculum?.referrals.localities ?? [];
    expect(localities.map((l) => l.id)).toEqual([
      'ficticia-provincia-uno-distrito-uno',
      'ficticia-provincia-uno-distrito-dos',
    ]);
    expect(localities[0]?.services[0]).toEqual({
      key: 'cem-ficticio',
      name: 'CEM Ficticio de Prueba',
      kind: 'cem',
      place: 'Plaza de Armas de un pueblo que no existe',
      phone: '+51 999 000 000',
      hours: 'Lunes a viernes, 8:00 a 16:00 (ficticio)',
      travelTime: '2 horas en combi (ficticio)',
      fare: 'S/ 0 (ficticio)',
      languages: ['es', 'qu'],
    });
  });

  test('no region files: the directory has no localities and nothing else changes', () => {
    const result = checkContent(contentRootWithSession());
    expect(result.errors).toEqual([]);
    expect(result.curriculum?.referrals.localities).toBeUndefined();
  });

  test('a kind that is not a national service names the file, line and field, and the allowed kinds', () => {
    expect(errorsFor({ 'ficticia.yaml': broken('locality-unknown-kind.yaml') })).toMatchInlineSnapshot(`
      [
        "content/referrals/pe/ficticia.yaml:13 › localities[0].services[1].kind: "juzgado-de-paz" is not a service of the national directory (content/referrals/pe.yaml) — use one of: linea-100, cem, comisaria [locality-services]",
      ]
    `);
  });

  test('a locality id used twice in one file is refused at the second one', () => {
    expect(errorsFor({ 'ficticia.yaml': broken('locality-duplicate-id.yaml') })).toMatchInlineSnapshot(`
      [
        "content/referrals/pe/ficticia.yaml:8 › localities[1].id: "ficticia-uno" is already the id of a locality in content/referrals/pe/ficticia.yaml — ids must be unique in the country; choose another [locality-services]",
      ]
    `);
  });

  test('a locality id used in two regions’ files names the second file and the first', () => {
    const unknownKind = broken('locality-unknown-kind.yaml');
    const errors = errorsFor({
      'a.yaml': join(fixtures, 'localities', 'ficticia.yaml'),
      'b.yaml': unknownKind,
      'c.yaml': unknownKind,
    });
    expect(errors.filter((e) => e.includes('.id:'))).toEqual([
      'content/referrals/pe/c.yaml:2 › localities[0].id: "ficticia-uno" is already the id of a locality in content/referrals/pe/b.yaml — ids must be unique in the country; choose another [locality-services]',
    ]);
  });

  test('a phone number in the wrong shape and a language that is not a code are both reported in one run', () => {
    expect(errorsFor({ 'ficticia.yaml': broken('locality-bad-fields.yaml') })).toMatchInlineSnapshot(`
      [
        "content/referrals/pe/ficticia.yaml:11 › localities[0].services[0].phone: must be digits in groups separated by single spaces, like 066 312 345, +51 966 123 456 or +591 2 212 3456 [schema]",
        "content/referrals/pe/ficticia.yaml:12 › localities[0].services[0].languages[0]: must be an ISO 639 language code, like es or qu [schema]",
      ]
    `);
  });

  test('a service key used twice in one locality names the second one', () => {
    expect(errorsFor({ 'ficticia.yaml': broken('locality-duplicate-key.yaml') })).toMatchInlineSnapshot(`
      [
        "content/referrals/pe/ficticia.yaml:8 › localities[0].services[1].key: "cem-ficticio" is listed twice in locality "ficticia-uno" — each service has one key; remove one or rename it [locality-services]",
      ]
    `);
  });
});

describe('the phone number shape', () => {
  test.each(['100', '066 312 345', '966 123 456', '+51 966 123 456', '+51 66 31 23 45', '+591 2 212 3456'])(
    'accepts %s',
    async (phone) => {
      const { phoneSchema } = await import('../../src/curriculum/schemas/locality.ts');
      expect(phoneSchema.safeParse(phone).success).toBe(true);
    },
  );
  test.each([
    '',
    '066-312-345',
    '066  312 345',
    ' 066 312 345',
    '066 312 345 ',
    '06631O345',
    '+51966123456',
    '966123456',
    'tel:100',
    '100 (24 h)',
    '+5199 123',
    '10',
    '+51 10',
    '+51 9661 2345 6789 0123 4567',
  ])('refuses "%s"', async (phone) => {
    const { phoneSchema } = await import('../../src/curriculum/schemas/locality.ts');
    expect(phoneSchema.safeParse(phone).success).toBe(false);
  });
});
