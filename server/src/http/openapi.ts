import { z } from 'zod';
import { ApiErrorBodySchema } from '@concerto/shared';
import type { EndpointSpec } from './endpoint.ts';

type JsonSchema = Record<string, unknown>;

function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

function parametersOf(schema: z.ZodType | undefined, location: 'path' | 'query'): JsonSchema[] {
  if (!schema) return [];
  const objectSchema = toJsonSchema(schema, 'input') as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(objectSchema.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (objectSchema.required ?? []).includes(name),
    schema: property,
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
  }));
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: toJsonSchema(ApiErrorBodySchema, 'output') } },
});

function operationOf(spec: EndpointSpec): JsonSchema {
  const status = String(spec.status ?? (spec.method === 'post' ? 201 : 200));
  const contentType = spec.contentType ?? 'application/json';
  const operation: JsonSchema = {
    summary: spec.summary,
    tags: spec.tags,
    parameters: [...parametersOf(spec.params, 'path'), ...parametersOf(spec.query, 'query')],
    responses: {
      [status]: {
        description: 'Success',
        ...(spec.response
          ? { content: { [contentType]: { schema: toJsonSchema(spec.response, 'output') } } }
          : {}),
      },
      '400': errorResponse('Invalid request (the message says what is wrong)'),
      ...(spec.authenticated ? { '401': errorResponse('Not signed in') } : {}),
      '404': errorResponse('Not found, or not visible to the caller'),
    },
  };
  if (spec.body) {
    operation.requestBody = {
      required: true,
      content: { 'application/json': { schema: toJsonSchema(spec.body, 'input') } },
    };
  }
  if (spec.uploadTypes) {
    const file = { type: 'string', format: 'binary' };
    operation.requestBody = {
      required: true,
      content: Object.fromEntries(spec.uploadTypes.map((type) => [type, { schema: file }])),
    };
  }
  if (spec.authenticated) operation.security = [{ sessionCookie: [] }, { bearerToken: [] }];
  return operation;
}

/** Builds the OpenAPI 3.1 document from the declared endpoints' zod schemas. */
export function buildOpenApiDocument(endpoints: readonly EndpointSpec[], version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const spec of endpoints) {
    const openApiPath = '/api' + spec.path.replace(/:(\w+)/g, '{$1}');
    paths[openApiPath] ??= {};
    paths[openApiPath][spec.method] = operationOf(spec);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Concerto API',
      version,
      description: 'Perinatal multidisciplinary concertation: families, care teams, plans and decisions.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      securitySchemes: {
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'concerto_session' },
        bearerToken: { type: 'http', scheme: 'bearer' },
      },
    },
  };
}
