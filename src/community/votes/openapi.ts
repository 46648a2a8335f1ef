import { API_VOTE_ROUTE } from './paths.js'

/** `/api/v1/papers/{id}/vote` in OpenAPI's `{id}` form (the route's `:id{.+}` keeps old ids' slash). */
const path = API_VOTE_ROUTE.replace(':id{.+}', '{id}')

const voteState = {
  description: 'The paper’s shown upvotes (Hugging Face’s latest count plus the votes cast here) and your vote.',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['upvotes', 'voted'],
        properties: { upvotes: { type: 'integer', minimum: 0 }, voted: { type: 'boolean' } },
      },
      example: { upvotes: 43, voted: true },
    },
  },
}

const error = (description: string, example: string) => ({
  description,
  content: {
    'application/json': {
      schema: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } },
      example: { error: example },
    },
  },
})

const responses = {
  '200': voteState,
  '401': error('No token, or a token that is unknown or revoked.', 'This needs a personal access token: …'),
  '403': error('The account has not confirmed its email address.', 'Confirm your account’s email address first.'),
  '404': error('No such paper here.', 'There is no paper 2401.99999 here to vote for.'),
  '429': error(
    'Too many votes in a minute; the Retry-After header says when to try again.',
    'You are voting faster than a person reads. Wait a minute, then vote again.',
  ),
}

const parameters = [
  {
    name: 'id',
    in: 'path',
    required: true,
    description: 'The arXiv id (2401.00001, or hep-th/9901001 with its slash); a version suffix is ignored.',
    schema: { type: 'string' },
  },
]

/** The vote routes of the write API, for the OpenAPI document served at /api/v1/openapi.json. */
export const voteApiPaths = {
  [path]: {
    parameters,
    put: {
      operationId: 'vote',
      summary: 'Upvote a paper (again: no change)',
      tags: ['votes'],
      security: [{ bearerAuth: [] }],
      responses,
    },
    delete: {
      operationId: 'unvote',
      summary: 'Take your upvote back (none: no change)',
      tags: ['votes'],
      security: [{ bearerAuth: [] }],
      responses,
    },
  },
}
