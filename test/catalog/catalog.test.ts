import { globSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sessionSchema } from '../../src/curriculum/schemas/session.ts';
import { clientDir, sourceCurriculum } from '../support/built-site.ts';
import { projectRoot } from '../support/content-root.ts';
import { startServer, type RunningServer } from '../support/server.ts';

const readJson = (path: string) => JSON.parse(readFileSync(join(clientDir, path), 'utf8'));
const catalog = readJson('catalog.json');
const schema = readJson('catalog.schema.json');
const curriculum = sourceCurriculum();

/** Session source files, found by reading content/docs/ directly: every page whose frontmatter has a `session:` block. */
function sessionSourceFiles(): string[] {
  const organisation = parseYaml(readFileSync(join(projectRoot, 'content/organisation.yaml'), 'utf8')) as {
    languages?: { code: string }[];
  };
  const translations = (organisation.languages ?? []).slice(1).map((l) => `${l.code}/`);
  return globSync('**/*.{md,mdx}', { cwd: join(projectRoot, 'content/docs') })
    .filter((file) => !translations.some((prefix) => file.startsWith(prefix)) && !/(^|\/)_/.test(file))
    .filter((file) => {
      const frontmatter =
        /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(join(projectRoot, 'content/docs', file), 'utf8'))?.[1] ?? '';
      return Boolean((parseYaml(frontmatter) as { session?: unknown } | null)?.session);
    })
    .map((file) => `content/docs/${file}`)
    .sort();
}

function validator() {
  // Strict, except for `required` keys named only by `propertyNames` (zod's records over a closed list).
  const ajv = new Ajv2020({ strict: true, strictRequired: false, allErrors: true });
  // The formats zod emits; ajv leaves format checking to plug-ins, so state them here.
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
  ajv.addFormat('email', /^[^\s@]+@[^\s@]+$/);
  ajv.addSchema(schema);
  return ajv;
}

describe('/catalog.json and /catalog.schema.json in the built site', () => {
  test('the catalog is valid against its JSON Schema (ajv, draft 2020-12)', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const validate = validator().getSchema(schema.$id)!;
    const valid = validate(catalog);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  test('the schema rejects a catalog that breaks it', () => {
    const validate = validator().getSchema(schema.$id)!;
    const broken = structuredClone(catalog);
    broken.sessions[0].durationMinutes = 'una hora';
    delete broken.sessions[1].urls;
    broken.schemaVersion = '0.0.1';
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath)).toEqual(
      expect.arrayContaining(['/sessions/0/durationMinutes', '/sessions/1', '/schemaVersion']),
    );
  });

  test('is versioned, and its schema is generated from the session schema (every session field is there)', () => {
    expect(catalog.schemaVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(schema.properties.schemaVersion.const).toBe(catalog.schemaVersion);
    expect(Object.keys(schema.$defs.Session.properties)).toEqual(
      expect.arrayContaining(Object.keys(sessionSchema().shape)),
    );
  });

  test('holds exactly one entry per session source file', () => {
    const files = sessionSourceFiles();
    // As many files as sessions the validator read from the content (a different reader of the same folder).
    expect(files).toHaveLength(curriculum.sessions.length);
    expect(catalog.sessions.map((s: { source: string }) => s.source).sort()).toEqual(files);
    const ids = catalog.sessions.map((s: { id: string }) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(curriculum.sessions.map((s) => s.id).sort());
  });

  test('every programme and manual is there, each session points at its own manual and programme', () => {
    expect(catalog.programmes.map((p: { id: string }) => p.id).sort()).toEqual(
      curriculum.programmes.map((p) => p.id).sort(),
    );
    expect(catalog.manuals.map((m: { id: string }) => m.id).sort()).toEqual(curriculum.manuals.map((m) => m.id).sort());
    for (const entry of catalog.sessions) {
      const session = curriculum.sessions.find((s) => s.id === entry.id)!;
      expect({
        manual: entry.manual,
        programme: entry.programme,
        order: entry.order,
        minutes: entry.durationMinutes,
        title: entry.title,
      }).toEqual({
        manual: session.manual,
        programme: session.programme,
        order: session.order,
        minutes: session.durationMinutes,
        title: session.title,
      });
    }
  });

  test('URLs: page (built), card and book PDFs where `npm run pdf` writes them, one JSON file per session', () => {
    for (const entry of catalog.sessions) {
      const session = curriculum.sessions.find((s) => s.id === entry.id)!;
      expect(new URL(entry.urls.page).pathname).toBe(`/${session.slug}/`);
      expect(new URL(entry.urls.cardPdf).pathname).toBe(`/pdf/cards/${entry.id}.pdf`);
      expect(new URL(entry.urls.json).pathname).toBe(`/catalog/sessions/${entry.id}.json`);
      expect(readJson(`catalog/sessions/${entry.id}.json`)).toEqual(entry);
    }
    for (const manual of catalog.manuals) expect(new URL(manual.urls.bookPdf).pathname).toBe(`/pdf/${manual.id}.pdf`);
  });

  test('the English PDFs are listed too: English page and card of each of manual 1’s 7 sessions, page and book of manual 1', () => {
    const translated = catalog.sessions.filter(
      (entry: { urls: { translations?: unknown } }) => entry.urls.translations,
    );
    const manualOne = curriculum.sessions.filter((s) => s.manual === 'genero-y-violencia');
    expect(translated.map((entry: { id: string }) => entry.id)).toEqual(manualOne.map((s) => s.id));
    for (const entry of translated) {
      const session = manualOne.find((s) => s.id === entry.id)!;
      expect(Object.keys(entry.urls.translations)).toEqual(['en']);
      const en = entry.urls.translations.en;
      expect([new URL(en.page).pathname, new URL(en.cardPdf).pathname]).toEqual([
        `/en/${session.slug}/`,
        `/pdf/en/cards/${entry.id}.pdf`,
      ]);
    }
    const manuals = catalog.manuals.filter((m: { urls: { translations?: unknown } }) => m.urls.translations);
    expect(manuals.map((m: { id: string }) => m.id)).toEqual(['genero-y-violencia']);
    expect(new URL(manuals[0].urls.translations.en.bookPdf).pathname).toBe('/pdf/en/genero-y-violencia.pdf');
    expect(catalog.schemaVersion).toBe('1.1.0');
  });

  test('every session file is valid against #/$defs/Session, one file per session', () => {
    const validate = validator().getSchema(`${schema.$id}#/$defs/Session`)!;
    const files = globSync('catalog/sessions/*.json', { cwd: clientDir }).sort();
    expect(files).toEqual(curriculum.sessions.map((s) => `catalog/sessions/${s.id}.json`).sort());
    for (const file of files)
      expect({ file, valid: validate(readJson(file)), errors: validate.errors }).toEqual({
        file,
        valid: true,
        errors: null,
      });
  });
});

describe('the catalog over HTTP, from the built server', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server?.stop());

  test.each(['/catalog.json', '/catalog.schema.json', `/catalog/sessions/${curriculum.sessions[0]!.id}.json`])(
    '%s is served as JSON',
    async (path) => {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      await response.json();
    },
  );
});
