import { errorResponse, jsonRequestBody } from '../../platform/http/openapi.js'
import { COLLECTIONS_API } from './api.js'
import { DESCRIPTION_MAX, NAME_MAX } from './validation.js'

const collection = {
  type: 'object',
  required: ['id', 'name', 'description', 'public', 'owner', 'url', 'paper_count', 'created_at', 'updated_at'],
  properties: {
    id: { type: 'integer' },
    name: { type: 'string', maxLength: NAME_MAX },
    description: { type: 'string', maxLength: DESCRIPTION_MAX },
    public: { type: 'boolean', description: 'Public collections have a page anyone can open and show on the profile.' },
    owner: { type: 'string', description: 'The owner’s username.' },
    url: { type: 'string', format: 'uri', description: 'The collection’s page.' },
    paper_count: { type: 'integer' },
    created_at: { type: 'string', format: 'date-time' },
    updated_at: { type: 'string', format: 'date-time' },
    papers: { type: 'array', items: { type: 'string' }, description: 'Paper ids, most recently added first.' },
  },
}
const withPapers = {
  description: 'The collection and its papers.',
  content: { 'application/json': { schema: collection } },
}
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }
const paperParam = {
  name: 'paperId',
  in: 'path',
  required: true,
  description: 'An arXiv id; old-style ids keep their slash (hep-th/9901001).',
  schema: { type: 'string' },
}
const writeErrors = {
  '400': errorResponse('The body or an id is wrong; the message names it.'),
  '401': errorResponse('No token, or a token that is unknown or revoked.'),
  '403': errorResponse('The collection belongs to someone else, or the account has not confirmed its address.'),
  '404': errorResponse('No such collection (or paper).'),
  '429': errorResponse('Too many changes in a minute; see Retry-After.'),
}
const bearer = [{ bearer: [] }]

/** The OpenAPI `paths` of the collections API, composed into /api/v1/openapi.json. */
export const collectionPaths = {
  [COLLECTIONS_API]: {
    get: {
      operationId: 'listMyCollections',
      summary: 'The token owner’s collections, public and private',
      security: bearer,
      responses: {
        '200': {
          description: 'Most recently changed first.',
          content: {
            'application/json': {
              schema: { type: 'object', properties: { collections: { type: 'array', items: collection } } },
            },
          },
        },
        '401': writeErrors['401'],
      },
    },
    post: {
      operationId: 'createCollection',
      summary: 'Make a collection',
      security: bearer,
      requestBody: jsonRequestBody({
        type: 'object',
        required: ['name'],
        properties: {
          name: { type: 'string', minLength: 1, maxLength: NAME_MAX },
          description: { type: 'string', maxLength: DESCRIPTION_MAX },
          public: { type: 'boolean', default: false },
        },
      }),
      responses: {
        '201': withPapers,
        ...writeErrors,
        '409': errorResponse('The most collections one member can keep.'),
      },
    },
  },
  [`${COLLECTIONS_API}/{id}`]: {
    parameters: [idParam],
    get: {
      operationId: 'getCollection',
      summary: 'A public collection, or one of the token owner’s',
      responses: { '200': withPapers, '404': errorResponse('No such collection, or a private one of someone else.') },
    },
    patch: {
      operationId: 'updateCollection',
      summary: 'Rename, describe, or change who can see a collection',
      security: bearer,
      requestBody: jsonRequestBody({
        type: 'object',
        additionalProperties: false,
        properties: {
          name: { type: 'string', minLength: 1, maxLength: NAME_MAX },
          description: { type: 'string', maxLength: DESCRIPTION_MAX },
          public: { type: 'boolean' },
        },
      }),
      responses: { '200': withPapers, ...writeErrors },
    },
    delete: {
      operationId: 'deleteCollection',
      summary: 'Delete a collection (the papers stay in the catalog)',
      security: bearer,
      responses: { '204': { description: 'Deleted.' }, ...writeErrors },
    },
  },
  [`${COLLECTIONS_API}/{id}/papers/{paperId}`]: {
    parameters: [idParam, paperParam],
    put: {
      operationId: 'addPaperToCollection',
      summary: 'Add a catalog paper (again is harmless)',
      security: bearer,
      responses: { '200': withPapers, ...writeErrors, '409': errorResponse('The collection is full.') },
    },
    delete: {
      operationId: 'removePaperFromCollection',
      summary: 'Remove a paper (one that is not there is harmless)',
      security: bearer,
      responses: { '200': withPapers, ...writeErrors },
    },
  },
}
