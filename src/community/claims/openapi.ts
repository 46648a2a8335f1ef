import { errorResponse, jsonRequestBody } from '../../platform/http/openapi.js'
import type { OpenApiPart } from '../../platform/http/openapi.js'

/** The author-claims part of the API document (routes.ts). */
export const claimsOpenApi: OpenApiPart = {
  paths: {
    '/api/v1/papers/{id}/claims': {
      post: {
        operationId: 'claimAuthor',
        summary: 'Claim to be one of a paper’s authors',
        description:
          'Files a claim, pending an admin’s decision. Once approved, the author’s name on the paper page links ' +
          'to your profile, the profile lists the paper, and the Hugging Face–shaped API gives the author a `user`.',
        parameters: [
          {
            name: 'id',
            in: 'path',
            required: true,
            description: 'The paper: an arXiv id such as 2401.00001.',
            schema: { type: 'string', example: '2401.00001' },
          },
        ],
        requestBody: jsonRequestBody({
          type: 'object',
          required: ['author'],
          additionalProperties: false,
          properties: {
            author: {
              type: 'integer',
              minimum: 0,
              description: 'The author entry’s position in the paper’s author list, from 0.',
            },
          },
        }),
        responses: {
          '201': {
            description: 'The claim, pending.',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/AuthorClaim' } } },
          },
          '400': errorResponse('Not a paper id, not JSON, or no such author entry.'),
          '403': errorResponse('Your email address is not confirmed yet.'),
          '404': errorResponse('No such paper.'),
          '409': errorResponse('You claimed an entry of this paper already, or the entry is claimed by someone else.'),
          '429': errorResponse('Too many claims today.'),
        },
      },
    },
  },
  schemas: {
    AuthorClaim: {
      type: 'object',
      required: ['id', 'paper', 'author', 'name', 'status'],
      properties: {
        id: { type: 'integer' },
        paper: { type: 'string' },
        author: { type: 'integer', description: 'The author entry’s position, from 0.' },
        name: { type: 'string', description: 'The author’s name as the paper lists it.' },
        status: { enum: ['pending', 'approved', 'rejected'] },
      },
    },
  },
}
