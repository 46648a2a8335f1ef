/**
 * One OpenAPI 3.1 document from the parts each feature writes beside its routes. A part gives
 * its `paths` (and the `schemas` they reference); the document adds what every write route shares:
 * the personal-access-token scheme and its 401 answer.
 */

type Json = Record<string, unknown>

export interface OpenApiPart {
  paths: Record<string, Record<string, Json>>
  schemas?: Record<string, unknown>
}

export interface OpenApiInfo {
  title: string
  version: string
  description: string
}

/** What changes state: these methods need a token on every route of the document. */
const WRITE_METHODS = new Set(['post', 'put', 'patch', 'delete'])
export const TOKEN_SCHEME = 'personalAccessToken'

/** An answer with a JSON `{ "error": "…" }` body, as every API route gives its 4xx. */
export const errorResponse = (description: string) => ({
  description,
  content: {
    'application/json': {
      schema: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } },
    },
  },
})

/** A required JSON request body of this schema. */
export const jsonRequestBody = (schema: unknown) => ({ required: true, content: { 'application/json': { schema } } })

const unauthorized = errorResponse('No token, or one that is unknown, revoked or whose owner is banned.')

/** Whether an operation of the document needs a token (it says so, as every write does). */
export const needsToken = (operation: Json): boolean =>
  Array.isArray(operation.security) && operation.security.length > 0

export function composeOpenApi(info: OpenApiInfo, parts: readonly OpenApiPart[]): Json {
  const paths: Record<string, Record<string, Json>> = {}
  const schemas: Record<string, unknown> = {}
  for (const part of parts) {
    for (const [path, item] of Object.entries(part.paths)) {
      if (paths[path]) throw new Error(`OpenAPI path ${path} is described by two features`)
      paths[path] = Object.fromEntries(Object.entries(item).map(([method, op]) => [method, withAuth(method, op)]))
    }
    for (const [name, schema] of Object.entries(part.schemas ?? {})) {
      if (schemas[name]) throw new Error(`OpenAPI schema ${name} is defined by two features`)
      schemas[name] = schema
    }
  }
  return {
    openapi: '3.1.0',
    info,
    paths,
    components: {
      schemas,
      securitySchemes: {
        [TOKEN_SCHEME]: {
          type: 'http',
          scheme: 'bearer',
          description:
            'A personal access token (`pb_…`) made on your settings page: `Authorization: Bearer pb_…`. ' +
            'Tokens are stored hashed and can be revoked there.',
        },
      },
    },
  }
}

function withAuth(method: string, op: Json): Json {
  const token = WRITE_METHODS.has(method) || needsToken(op)
  if (!token) return op
  const responses = (op.responses ?? {}) as Json
  return {
    ...op,
    security: [{ [TOKEN_SCHEME]: [] }],
    responses: { ...responses, '401': responses['401'] ?? unauthorized },
  }
}
