import { errorResponse } from '../../platform/http/openapi.js'
import { MAX_ID } from './body.js'
import { MAX_COMMENT_LENGTH } from './markdown.js'
import { COMMENT_ORDERS, DEFAULT_COMMENT_ORDER } from './model.js'

/** The comment routes of `/api/v1`, for the OpenAPI document served at /api/v1/openapi.json. */

const comment = {
  type: 'object',
  required: ['id', 'paper_id', 'parent_id', 'author', 'body', 'body_html', 'created_at', 'edited_at', 'deleted'],
  properties: {
    id: { type: 'integer' },
    paper_id: { type: 'string', example: '2401.00001' },
    parent_id: { type: ['integer', 'null'], description: 'The comment this one answers; null for a new thread.' },
    author: {
      type: ['object', 'null'],
      description: 'null for a deleted comment, or once the author deleted their account.',
      properties: {
        username: { type: 'string' },
        display_name: { type: 'string' },
        avatar_url: { type: 'string', format: 'uri' },
      },
    },
    body: {
      type: 'string',
      description: 'The Markdown source; empty when deleted, or hidden by a moderator (unless you are an admin).',
    },
    body_html: { type: 'string', description: 'The body rendered: safe HTML of the allowed Markdown subset.' },
    created_at: { type: 'string', format: 'date-time' },
    edited_at: { type: ['string', 'null'], format: 'date-time' },
    deleted: { type: 'boolean' },
    hidden: { type: 'boolean', description: 'Hidden by a moderator.' },
    url: { type: 'string', format: 'uri', description: 'The comment on the paper’s page.' },
  },
}

const json = (schema: object) => ({ content: { 'application/json': { schema } } })
const paperId = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, example: '2401.00001' }
const commentId = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1, maximum: MAX_ID } }
const body = { type: 'string', minLength: 1, maxLength: MAX_COMMENT_LENGTH, description: 'Markdown (a safe subset).' }
const token = [{ bearer: [] }]
const unauthorized = errorResponse('No valid personal access token (Authorization: Bearer pb_…).')

export const commentPaths = {
  '/api/v1/papers/{id}/comments': {
    get: {
      operationId: 'listComments',
      summary: 'A paper’s comments, threads in the order asked for, each followed by its replies',
      parameters: [
        paperId,
        {
          name: 'sort',
          in: 'query',
          description:
            'Threads oldest first, newest first, or those with the most replies first; replies always oldest first.',
          schema: { enum: [...COMMENT_ORDERS], default: DEFAULT_COMMENT_ORDER },
        },
      ],
      responses: {
        '200': {
          description: 'The discussion: `count` is the comments neither deleted nor hidden.',
          ...json({
            type: 'object',
            properties: {
              paper_id: { type: 'string' },
              order: { enum: [...COMMENT_ORDERS] },
              count: { type: 'integer' },
              comments: { type: 'array', items: comment },
            },
          }),
        },
        '400': errorResponse('An unknown sort.'),
        '404': errorResponse('Not a paper id, or the catalog has no such paper.'),
      },
    },
    post: {
      operationId: 'addComment',
      summary: 'Comment on a paper, or reply to one of its comments',
      security: token,
      parameters: [paperId],
      requestBody: {
        required: true,
        ...json({
          type: 'object',
          required: ['body'],
          additionalProperties: false,
          properties: { body, parent_id: { type: ['integer', 'null'], minimum: 1, maximum: MAX_ID } },
        }),
      },
      responses: {
        '201': { description: 'The new comment; `Location` is its address.', ...json(comment) },
        '400': errorResponse('An empty, too long or malformed body, or a parent that is not a comment of this paper.'),
        '401': unauthorized,
        '403': errorResponse('The account’s email address is not confirmed.'),
        '404': errorResponse('The catalog has no such paper.'),
        '409': errorResponse('The parent was deleted or hidden.'),
        '429': errorResponse('Too many comments (10 a minute, 200 a day); `Retry-After` says when to try again.'),
      },
    },
  },
  '/api/v1/comments/{id}': {
    patch: {
      operationId: 'editComment',
      summary: 'Change the text of your comment, within 15 minutes of posting it',
      security: token,
      parameters: [commentId],
      requestBody: {
        required: true,
        ...json({ type: 'object', required: ['body'], additionalProperties: false, properties: { body } }),
      },
      responses: {
        '200': { description: 'The comment as edited.', ...json(comment) },
        '400': errorResponse('An empty, too long or malformed body.'),
        '401': unauthorized,
        '403': errorResponse('Another member’s comment, one hidden by a moderator, or past the 15 minutes.'),
        '404': errorResponse('No such comment.'),
        '409': errorResponse('The comment was deleted.'),
      },
    },
    delete: {
      operationId: 'deleteComment',
      summary: 'Delete your comment: its text goes, its replies stay (deleting again changes nothing)',
      security: token,
      parameters: [commentId],
      responses: {
        '204': { description: 'Deleted.' },
        '401': unauthorized,
        '403': errorResponse('Another member’s comment.'),
        '404': errorResponse('No such comment.'),
      },
    },
  },
}
