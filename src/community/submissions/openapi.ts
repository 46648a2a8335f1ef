import { errorResponse } from '../../platform/http/openapi.js'
import { SUBMISSIONS_API } from './api.js'
import { COMMENT_MAX } from './submit.js'

/** The OpenAPI `paths` of the submissions API, composed into /api/v1/openapi.json. */
export const submissionPaths = {
  [SUBMISSIONS_API]: {
    post: {
      operationId: 'submitPaper',
      summary: 'Put a recent arXiv paper on today’s list',
      description:
        'Like the /submit page: the paper must have appeared on arXiv within SUBMIT_MAX_AGE_DAYS (14 by default), ' +
        'must not have been featured before, and a member may submit SUBMIT_PER_DAY papers (5) in 24 hours. ' +
        'The optional comment becomes the first comment of the paper’s discussion.',
      security: [{ bearer: [] }],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['paper'],
              properties: {
                paper: {
                  type: 'string',
                  maxLength: 300,
                  description: 'An arXiv id (2401.00001, hep-th/9901001, with or without version) or an arXiv URL.',
                },
                comment: { type: 'string', maxLength: COMMENT_MAX, description: 'Markdown.' },
              },
            },
            example: { paper: 'https://arxiv.org/abs/2401.00001v2', comment: 'A clear ablation of …' },
          },
        },
      },
      responses: {
        '201': {
          description: 'Submitted: the paper is on today’s list.',
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['paper_id', 'title', 'featured_on', 'submitted_by', 'url'],
                properties: {
                  paper_id: { type: 'string' },
                  title: { type: 'string' },
                  featured_on: { type: 'string', format: 'date' },
                  submitted_by: { type: 'string', description: 'The submitter’s username.' },
                  url: { type: 'string', format: 'uri' },
                },
              },
            },
          },
        },
        '400': errorResponse(
          'The id, the comment or the body is wrong, or the paper is too old; the message says which.',
        ),
        '401': errorResponse('No token, or a token that is unknown or revoked.'),
        '403': errorResponse('The token’s account has not confirmed its email address.'),
        '404': errorResponse('arXiv does not know the paper.'),
        '409': errorResponse('The paper was featured or submitted before.'),
        '429': errorResponse('The daily submission limit or the attempt limit is reached; see Retry-After.'),
        '503': errorResponse('The paper is not in the catalog and arXiv cannot be reached; see Retry-After.'),
      },
    },
  },
}
