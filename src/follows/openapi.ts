import { errorResponse, jsonRequestBody } from '../platform/http/openapi.js'
import { FOLLOWS_API } from './api.js'
import { FOLLOW_KINDS, MAX_QUALIFIERS } from './target.js'

const cadence = {
  type: 'string',
  enum: ['off', 'instant', 'daily', 'weekly'],
  description: 'How often its new papers are alerted: never (the Following page only), on ingest, daily, weekly.',
}
const follow = {
  type: 'object',
  required: ['id', 'kind', 'target', 'label', 'qualifiers', 'alert', 'email', 'url', 'created_at'],
  properties: {
    id: { type: 'integer' },
    kind: { type: 'string', enum: FOLLOW_KINDS },
    target: {
      type: 'string',
      description:
        'Canonical: an author’s name as printed; a category lowercased (`cs.lg`); a search as its page’s ' +
        'parameters (`q=diffusion&category=cs.LG`); a collection’s id.',
    },
    label: { type: 'string', description: 'What the member sees: the name, category, query or collection name.' },
    qualifiers: {
      type: 'array',
      items: { type: 'string' },
      description: 'For an author: co-authors and categories that tell them from namesakes; a paper shares one.',
    },
    alert: cadence,
    email: { type: 'boolean', description: 'Whether alerts go by email (webhooks are set apart).' },
    url: { type: ['string', 'null'], format: 'uri', description: 'The followed thing’s page.' },
    created_at: { type: 'string', format: 'date-time' },
  },
}
const one = { description: 'The follow.', content: { 'application/json': { schema: follow } } }
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }
const writeErrors = {
  '400': errorResponse('The body or the id is wrong; the message names it.'),
  '401': errorResponse('No token, or a token that is unknown or revoked.'),
  '403': errorResponse('The account has not confirmed its address.'),
  '404': errorResponse('No such follow of the token owner’s (or no such collection to follow).'),
  '429': errorResponse('Too many changes in a minute; see Retry-After.'),
}
const bearer = [{ bearer: [] }]

/** The OpenAPI `paths` of the follows API, composed into /api/v1/openapi.json. */
export const followApiPaths = {
  [FOLLOWS_API]: {
    get: {
      operationId: 'listMyFollows',
      summary: 'The token owner’s follows and their alerts',
      security: bearer,
      responses: {
        '200': {
          description: 'Newest first.',
          content: {
            'application/json': {
              schema: { type: 'object', properties: { follows: { type: 'array', items: follow } } },
            },
          },
        },
        '401': writeErrors['401'],
      },
    },
    post: {
      operationId: 'follow',
      summary: 'Follow an author, a category, a search or a collection',
      description: 'Following the same thing again is harmless: 200 with the follow, its qualifiers replaced.',
      security: bearer,
      requestBody: jsonRequestBody({
        type: 'object',
        required: ['kind', 'target'],
        properties: {
          kind: { type: 'string', enum: FOLLOW_KINDS },
          target: { type: 'string', maxLength: 2000 },
          qualifiers: { type: 'array', items: { type: 'string' }, maxItems: MAX_QUALIFIERS },
          alert: cadence,
          email: { type: 'boolean' },
        },
      }),
      responses: {
        '201': one,
        '200': one,
        ...writeErrors,
        '409': errorResponse('The most follows one member can keep.'),
      },
    },
  },
  [`${FOLLOWS_API}/{id}`]: {
    parameters: [idParam],
    patch: {
      operationId: 'updateFollowAlert',
      summary: 'Change a follow’s alert: how often, and by email or not',
      security: bearer,
      requestBody: jsonRequestBody({
        type: 'object',
        additionalProperties: false,
        properties: { alert: cadence, email: { type: 'boolean' } },
      }),
      responses: { '200': one, ...writeErrors },
    },
    delete: {
      operationId: 'unfollow',
      summary: 'Unfollow',
      security: bearer,
      responses: { '204': { description: 'Unfollowed.' }, ...writeErrors },
    },
  },
}
