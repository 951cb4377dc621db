import { randomUUID } from 'node:crypto';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { contracts, type Contract } from '../../src/api/v1/contracts.ts';
import { startServer, type RunningServer } from '../support/server.ts';

const DOC_ID = 'https://tejido.test/api/v1/openapi.json';
const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;
/** JSON Pointer escaping of one reference token (RFC 6901), then URI-fragment encoding. */
const token = (key: string) => encodeURIComponent(key.replaceAll('~', '~0').replaceAll('/', '~1'));

type Document = {
  openapi: string;
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>>;
  components: { schemas: Record<string, unknown> };
};

describe('GET /api/v1/openapi.json', () => {
  let server: RunningServer;
  let doc: Document;
  let ajv: InstanceType<typeof Ajv2020>;

  beforeAll(async () => {
    server = await startServer();
    const response = await fetch(`${server.url}/api/v1/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    doc = (await response.json()) as Document;
    ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
    // The whole document as one schema resource, so "#/components/schemas/…" references resolve.
    ajv.addSchema({ ...doc, $id: DOC_ID });
  });
  afterAll(() => server?.stop());

  const validatorAt = (...pointer: string[]) => {
    const validate = ajv.getSchema(`${DOC_ID}#/${pointer.map(token).join('/')}`);
    if (!validate) throw new Error(`no schema at /${pointer.join('/')}`);
    return validate;
  };

  test('is an OpenAPI 3.1.0 document', () => {
    expect(doc.openapi).toBe('3.1.0');
  });

  test('documents every contract’s path and method, and nothing else', () => {
    const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
      methods.filter((m) => m in item).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const contracted = (Object.values(contracts) as Contract[]).map((c) => `${c.method} ${c.path}`);
    expect(contracted.length).toBeGreaterThan(0);
    expect(documented.sort()).toEqual(contracted.sort());
    for (const [name, c] of Object.entries(contracts) as [string, Contract][]) {
      expect(doc.paths[c.path]?.[c.method.toLowerCase()], name).toMatchObject({ operationId: name });
    }
  });

  test('declares a request body exactly where a contract takes one, with the contract’s media type', () => {
    for (const [name, c] of Object.entries(contracts) as [string, Contract][]) {
      const body = doc.paths[c.path]?.[c.method.toLowerCase()]?.requestBody;
      if (c.body) expect(Object.keys(body?.content ?? {}), name).toEqual([c.bodyType ?? 'application/json']);
      else expect(body, name).toBeUndefined();
    }
  });

  test('describes the attendance batch body as a reference to the AttendanceBatch component', () => {
    expect(doc.components.schemas.AttendanceBatch).toMatchObject({ type: 'object', required: ['delivery', 'records'] });
    expect(doc.paths['/attendance-batches']?.post?.requestBody?.content['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/AttendanceBatch',
    });
  });

  test('every request body schema in it compiles as JSON Schema 2020-12', () => {
    let compiled = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const method of methods) {
        for (const mediaType of Object.keys(item[method]?.requestBody?.content ?? {})) {
          expect(
            () => validatorAt('paths', path, method, 'requestBody', 'content', mediaType, 'schema'),
            `${method} ${path} ${mediaType}`,
          ).not.toThrow();
          compiled++;
        }
      }
    }
    expect(compiled).toBe((Object.values(contracts) as Contract[]).filter((c) => c.body).length);
    // The compiled body of POST /attendance-batches follows its $ref: it is not an empty schema.
    const batchBody = validatorAt(
      'paths',
      '/attendance-batches',
      'post',
      'requestBody',
      'content',
      'application/json',
      'schema',
    );
    expect(batchBody({})).toBe(false);
    expect(batchBody.errors).toContainEqual(
      expect.objectContaining({ keyword: 'required', params: { missingProperty: 'delivery' } }),
    );
  });

  describe('the AttendanceBatch schema accepts and refuses the same batches as the parser the route uses', () => {
    const batch = () => ({
      delivery: {
        id: randomUUID(),
        bankId: randomUUID(),
        sessionId: 'gv-espacio-de-confianza',
        deliveredOn: '2026-04-12',
      },
      records: [
        { id: randomUUID(), memberId: randomUUID(), present: true },
        { id: randomUUID(), memberId: randomUUID(), present: false },
      ],
    });
    const cases: [string, boolean, (b: ReturnType<typeof batch>) => unknown][] = [
      ['a valid batch', true, (b) => b],
      [
        'a record without memberId',
        false,
        (b) => ({ ...b, records: [b.records[0], { id: randomUUID(), present: true }] }),
      ],
      [
        'a record whose present is not a boolean',
        false,
        (b) => ({ ...b, records: [{ ...b.records[0], present: 'sí' }] }),
      ],
      ['a batch with no records', false, (b) => ({ ...b, records: [] })],
      [
        'a delivery date that is not YYYY-MM-DD',
        false,
        (b) => ({ ...b, delivery: { ...b.delivery, deliveredOn: '12/04/2026' } }),
      ],
      ['a delivery id that is not a UUID', false, (b) => ({ ...b, delivery: { ...b.delivery, id: 'entrega-1' } })],
      ['a batch without its delivery', false, (b) => ({ records: b.records })],
    ];

    test.each(cases)('%s', (_, valid, make) => {
      const body = make(batch());
      const validate = validatorAt('components', 'schemas', 'AttendanceBatch');
      expect(validate(body), JSON.stringify(validate.errors)).toBe(valid);
      // The same verdict from the zod schema POST /attendance-batches parses its body with.
      expect(contracts.saveAttendance.body.safeParse(body).success).toBe(valid);
    });

    test('a missing memberId is reported at the record’s memberId', () => {
      const validate = validatorAt('components', 'schemas', 'AttendanceBatch');
      const b = batch();
      expect(validate({ ...b, records: [{ id: randomUUID(), present: true }] })).toBe(false);
      expect(validate.errors).toContainEqual(
        expect.objectContaining({
          instancePath: '/records/0',
          keyword: 'required',
          params: { missingProperty: 'memberId' },
        }),
      );
    });
  });
});
