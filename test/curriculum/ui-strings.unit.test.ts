import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { uiStringsLoader } from '../../src/curriculum/astro/ui-strings-loader.ts';
import { labelKeys, uiStringKeysSchema, uiStringsSchema } from '../../src/curriculum/schemas/ui-strings.ts';

const file = (lang: string) =>
  JSON.parse(readFileSync(join(import.meta.dirname, `../../content/i18n/${lang}.json`), 'utf8'));
const tejidoKeys = Object.keys(uiStringKeysSchema.shape);

/** Runs the loader on one folder, with the schema as Astro's parseData would apply it. */
async function load(files: Record<string, unknown>) {
  const dir = mkdtempSync(join(tmpdir(), 'tejido-i18n-'));
  for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), JSON.stringify(data));
  const stored: unknown[] = [];
  await uiStringsLoader(dir).load({
    store: { clear: () => {}, set: (entry: unknown) => stored.push(entry) },
    parseData: async ({ data }: { data: unknown }) => uiStringsSchema.parse(data),
  } as never);
  return { dir, stored };
}

describe('interface strings: every key declared once, in the schema', () => {
  test('the default language file has exactly the schema keys, every one a text', () => {
    const es = file('es');
    expect(Object.keys(es).sort()).toEqual([...tejidoKeys].sort());
    expect(uiStringKeysSchema.safeParse(es).success).toBe(true);
  });

  test('the English file passes: its keys are schema keys or closed-list labels', () => {
    const en = file('en');
    expect(uiStringsSchema.safeParse(en).success).toBe(true);
    const labels = Object.keys(en).filter((key) => labelKeys.includes(key));
    expect(labels).toHaveLength(18);
  });

  test('a misspelt key fails, naming the key', () => {
    const result = uiStringsSchema.safeParse({ 'tejido.prepar.title': 'Prepare' });
    expect(result.success).toBe(false);
    expect(result.error!.issues).toEqual([
      expect.objectContaining({ code: 'unrecognized_keys', keys: ['tejido.prepar.title'] }),
    ]);
  });

  test('a label of a value not in the closed list, or of an unknown kind, fails too', () => {
    for (const key of ['tejido.method.dialgo', 'tejido.audiencia.socias', 'tejido.audience.'])
      expect(uiStringsSchema.safeParse({ [key]: 'x' }).success, key).toBe(false);
    expect(uiStringsSchema.safeParse({ 'tejido.method.dialogo': 'Dialogue' }).success).toBe(true);
  });

  test('the loader names the file and the key', async () => {
    const failing = load({ 'es.json': file('es'), 'en.json': { ...file('en'), 'tejido.safety.tittle': 'Safety' } });
    await expect(failing).rejects.toThrow(/tejido-i18n-[^/]+\/en\.json: [\s\S]*tejido\.safety\.tittle/);
    const { stored } = await load({ 'es.json': file('es'), 'en.json': file('en') });
    expect(stored).toHaveLength(2);
  });
});
