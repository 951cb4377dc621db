import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import { contracts, type Contract } from './contracts.ts';
import { errorRules, type ErrorRule } from '../../attendance/error-rules.ts';
import { errorStatus, type ErrorCode } from '../../attendance/errors.ts';

const rule = z.enum(Object.keys(errorRules) as [ErrorRule, ...ErrorRule[]]).meta({
  id: 'ErrorRule',
  description:
    'The named rule broken, when there is one: switch on it, never on the message. ' +
    Object.entries(errorRules)
      .map(([name, meaning]) => `${name}: ${meaning}`)
      .join(' '),
});
const params = z.record(z.string(), z.union([z.string(), z.number()])).meta({ description: 'Values the rule names' });

const errorBody = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]]).meta({ id: 'ErrorCode' }),
      message: z.string().meta({ description: 'For people, in English; may change wording at any time' }),
      field: z.string().optional(),
      rule: rule.optional(),
      params: params.optional(),
      rows: z
        .array(
          z.object({
            row: z.int(),
            field: z.string(),
            message: z.string(),
            rule: rule.optional(),
            params: params.optional(),
          }),
        )
        .optional(),
      requestId: z.string().optional(),
    }),
  })
  .meta({ id: 'Error' });

const errorResponses = {
  '400': {
    description: 'The request does not match the schema',
    content: { 'application/json': { schema: errorBody } },
  },
  '401': { description: 'Not signed in', content: { 'application/json': { schema: errorBody } } },
  '403': { description: 'Signed in but not allowed', content: { 'application/json': { schema: errorBody } } },
  '404': {
    description: 'Not found, or outside the caller’s scope',
    content: { 'application/json': { schema: errorBody } },
  },
  '409': { description: 'Same id, different content', content: { 'application/json': { schema: errorBody } } },
  '422': {
    description: 'Rows that cannot be saved, each named',
    content: { 'application/json': { schema: errorBody } },
  },
  '429': {
    description: 'Too many sign-in attempts; wait Retry-After seconds',
    content: { 'application/json': { schema: errorBody } },
  },
  '500': { description: 'Server fault, with a request id', content: { 'application/json': { schema: errorBody } } },
  '503': {
    description: 'Too busy hashing passwords; wait Retry-After seconds',
    content: { 'application/json': { schema: errorBody } },
  },
};

/** A file upload is bytes to the route (zod: Uint8Array) and a string to an OpenAPI client; its description says the rest. */
const bodySchema = (c: Contract) =>
  c.bodyType === 'text/csv'
    ? z.string().meta({ description: c.body?.meta()?.description as string | undefined })
    : c.body;

function operation(name: string, c: Contract): ZodOpenApiOperationObject {
  return {
    operationId: name,
    summary: c.summary,
    tags: [c.tag],
    ...(c.roles === 'public' ? { security: [] } : { description: `Roles: ${c.roles.join(', ')}.` }),
    ...(c.params || c.query
      ? { requestParams: { ...(c.params ? { path: c.params } : {}), ...(c.query ? { query: c.query } : {}) } }
      : {}),
    ...(c.body ? { requestBody: { content: { [c.bodyType ?? 'application/json']: { schema: bodySchema(c) } } } } : {}),
    responses: {
      [String(c.status ?? 200)]: {
        description: 'OK',
        content:
          c.response === 'text/csv'
            ? { 'text/csv': { schema: z.string() } }
            : { 'application/json': { schema: c.response } },
      },
      ...errorResponses,
    },
  };
}

/** The OpenAPI 3.1 document of /api/v1, generated from the same zod schemas the routes parse with. */
export function openApiDocument(serverUrl = '/api/v1') {
  const paths: ZodOpenApiPathsObject = {};
  for (const [name, contract] of Object.entries(contracts) as [string, Contract][]) {
    paths[contract.path] = { ...paths[contract.path], [contract.method.toLowerCase()]: operation(name, contract) };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Tejido attendance API',
      version: '1.0.0',
      description:
        'Attendance, completion, leaders trained and community mobilisation for the IMAGE curriculum. Pseudonymous by ' +
        'design: member codes, never names, leave the bank’s own facilitator; counts under 5 are suppressed above her level.',
    },
    servers: [{ url: serverUrl }],
    security: [{ cookie: [] }, { bearer: [] }],
    components: {
      securitySchemes: {
        cookie: { type: 'apiKey', in: 'cookie', name: 'tejido_session' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
    },
    paths,
  });
}
