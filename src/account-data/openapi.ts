import { errorResponse } from '../platform/http/openapi.js'
import { EXPORT_API } from './api.js'

const list = (description: string, properties: object) => ({
  type: 'array',
  description,
  items: { type: 'object', properties },
})
const time = { type: 'string', format: 'date-time' }

/** The OpenAPI `paths` of the account export, composed into /api/v1/openapi.json. */
export const accountDataPaths = {
  [EXPORT_API]: {
    get: {
      operationId: 'exportMyAccount',
      summary: 'Everything the token owner made here, as one account file',
      description:
        'The file /settings/data downloads and imports (format `paperboy.account`, version 1). It holds no ' +
        'password, session, token or two-factor secret.',
      security: [{ bearer: [] }],
      responses: {
        '200': {
          description: 'The account file.',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['format', 'version', 'exported_at', 'account'],
                properties: {
                  format: { type: 'string', enum: ['paperboy.account'] },
                  version: { type: 'integer', enum: [1] },
                  exported_at: time,
                  account: {
                    type: 'object',
                    properties: {
                      username: { type: 'string' },
                      display_name: { type: 'string' },
                      email: { type: 'string', format: 'email' },
                      created_at: time,
                    },
                  },
                  profile: { type: 'object', properties: { upvotes_public: { type: 'boolean' } } },
                  follows: list('Authors, categories, searches and collections followed.', {
                    kind: { type: 'string', enum: ['author', 'category', 'search', 'collection', 'collected'] },
                    target: { type: 'string' },
                    qualifiers: { type: 'array', items: { type: 'string' } },
                    label: { type: 'string' },
                    alert: { type: 'string', enum: ['off', 'instant', 'daily', 'weekly'] },
                    alert_email: { type: 'boolean' },
                    created_at: time,
                  }),
                  votes: list('Upvoted papers.', { paper_id: { type: 'string' }, voted_at: time }),
                  comments: list('Comments, deleted ones with an empty body.', {
                    id: { type: 'integer' },
                    paper_id: { type: 'string' },
                    parent_id: { type: ['integer', 'null'] },
                    body: { type: 'string' },
                    created_at: time,
                    edited_at: { type: ['string', 'null'], format: 'date-time' },
                    deleted: { type: 'boolean' },
                  }),
                  collections: list('Collections with their papers, most recently added first.', {
                    name: { type: 'string' },
                    description: { type: 'string' },
                    public: { type: 'boolean' },
                    created_at: time,
                    items: list('', { paper_id: { type: 'string' }, added_at: time }),
                  }),
                  submissions: list('Papers submitted to the daily list.', {
                    paper_id: { type: 'string' },
                    submitted_at: time,
                  }),
                  subscriptions: list('Digest subscriptions of the account’s address.', {
                    email: { type: 'string' },
                    frequency: { type: 'string', enum: ['daily', 'weekly'] },
                    every_day: { type: 'boolean' },
                    categories: { type: 'array', items: { type: 'string' } },
                    keywords: { type: 'array', items: { type: 'string' } },
                    max_papers: { type: 'integer' },
                    paused: { type: 'boolean' },
                    status: { type: 'string', enum: ['pending', 'active', 'unsubscribed', 'bounced'] },
                  }),
                },
              },
            },
          },
        },
        '401': errorResponse('No token, or a token that is unknown or revoked.'),
        '429': errorResponse('Too many exports in an hour; see Retry-After.'),
      },
    },
  },
}
