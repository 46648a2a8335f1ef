import { MAX_RESULTS } from './model.js'
import { HF_SEARCH_API, V1_SEARCH_API } from './paths.js'
import { HF_DEFAULT_LIMIT, HF_MAX_LIMIT, MAX_PER_PAGE, MAX_QUERY_LENGTH, PAGE_SIZE, SORTS } from './request.js'

const segments = {
  type: 'array',
  description: 'The text cut into pieces; the words the query matched are of type `highlight`.',
  items: {
    type: 'object',
    required: ['type', 'text'],
    properties: { type: { enum: ['text', 'highlight'] }, text: { type: 'string' } },
  },
}

const error = {
  description: 'A parameter is wrong; the message names it.',
  content: {
    'application/json': {
      schema: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } },
      example: { error: 'sort: sort must be relevance, newest or upvotes' },
    },
  },
}

const q = {
  name: 'q',
  in: 'query',
  description:
    'What to look for, in the query language of /search/help: words (all must match), "a phrase", -excluded, ' +
    'OR, author:"Full Name", title:word, cat:cs.LG, year:2024, year:2022..2024, prefix*. Never an error: what ' +
    'cannot be read is read as words, and `notes` says how.',
  schema: { type: 'string', maxLength: MAX_QUERY_LENGTH },
}

const day = (name: string, description: string) => ({
  name,
  in: 'query',
  description,
  schema: { type: 'string', format: 'date' },
})

/**
 * The search API's part of the OpenAPI document (api-v1/openapi.ts): Paperboy's own search and the
 * Hugging Face–compatible one, written by hand beside the routes it describes (api.ts) and checked
 * against them by a test. `/api/v1/search` has filters, sorting, pages and the total;
 * `/api/papers/search` answers in Hugging Face's shape for its clients (huggingface_hub's
 * `HfApi.list_papers`).
 */
export const searchOpenApi = {
  paths: {
    [V1_SEARCH_API]: {
      get: {
        operationId: 'search',
        summary: 'Search papers with filters, sorting and pages',
        parameters: [
          q,
          {
            name: 'category',
            in: 'query',
            description:
              'arXiv categories or archives (cs.LG, hep-th, cs), separated by spaces or commas; any matches.',
            schema: { type: 'string' },
          },
          {
            name: 'within',
            in: 'query',
            description: 'Published in the past week, month (30 days) or year (365 days); replaces `from` and `until`.',
            schema: { enum: ['any', 'week', 'month', 'year', 'custom'], default: 'any' },
          },
          day('from', 'Published on this day or later (arXiv v1 date, UTC).'),
          day('until', 'Published on this day or earlier (inclusive).'),
          {
            name: 'has_code',
            in: 'query',
            description: 'Only papers with a code repository.',
            schema: { enum: ['true', 'false', '1', '0', 'on', 'off'], default: 'false' },
          },
          {
            name: 'sort',
            in: 'query',
            description: 'relevance (text match with small recency and upvote boosts), newest first, or most upvoted.',
            schema: { enum: [...SORTS], default: 'relevance' },
          },
          {
            name: 'page',
            in: 'query',
            description: `1-based page; only the first ${MAX_RESULTS} results of a search are served.`,
            schema: { type: 'integer', minimum: 1, default: 1 },
          },
          {
            name: 'per_page',
            in: 'query',
            schema: { type: 'integer', minimum: 1, maximum: MAX_PER_PAGE, default: PAGE_SIZE },
          },
        ],
        responses: {
          '200': {
            description: 'One page of results, best first.',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/SearchPage' } } },
          },
          '400': error,
        },
      },
    },
    [HF_SEARCH_API]: {
      get: {
        operationId: 'searchHuggingFace',
        summary: 'Search papers, in Hugging Face’s shape',
        description:
          'An arXiv id or an arXiv or Hugging Face paper URL as `q` returns that paper. Each item is the paper in ' +
          'the flat shape of /api/papers/{id} under `paper`, its fields that Hugging Face’s client reads from the ' +
          'top level repeated there, and `highlightedTitle` and `highlightedSummary`.',
        parameters: [
          { ...q, description: 'Words to look for (the same query language), or an arXiv id or URL.' },
          {
            name: 'limit',
            in: 'query',
            schema: { type: 'integer', minimum: 1, maximum: HF_MAX_LIMIT, default: HF_DEFAULT_LIMIT },
          },
        ],
        responses: {
          '200': {
            description: 'The best matches, best first.',
            content: {
              'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/HfSearchItem' } } },
            },
          },
          '400': error,
        },
      },
    },
  },
  schemas: {
    SearchPage: {
      type: 'object',
      required: ['query', 'notes', 'total', 'exact', 'page', 'per_page', 'max_results', 'results'],
      properties: {
        query: { type: 'string', description: 'The query as it was read, written back in the query language.' },
        notes: {
          type: 'array',
          items: { type: 'string' },
          description: 'What was not read as typed, and how it was read instead.',
        },
        total: { type: 'integer', description: 'How many papers match.' },
        exact: {
          type: 'boolean',
          description: 'False when `total` is an estimate (a term that matches a large part of the catalog).',
        },
        page: { type: 'integer' },
        per_page: { type: 'integer' },
        max_results: { type: 'integer', description: 'Results past this many are not served.' },
        results: { type: 'array', items: { $ref: '#/components/schemas/SearchResult' } },
      },
    },
    SearchResult: {
      type: 'object',
      required: [
        'id',
        'title',
        'authors',
        'published_at',
        'upvotes',
        'github_repo',
        'categories',
        'score',
        'highlighted_title',
        'highlighted_summary',
      ],
      properties: {
        id: { type: 'string', description: 'arXiv id without version; the paper is at /papers/{id}.' },
        title: { type: 'string' },
        authors: { type: 'array', items: { type: 'string' } },
        published_at: { type: ['string', 'null'], format: 'date-time', description: 'arXiv v1 date.' },
        upvotes: { type: 'integer' },
        github_repo: { type: ['string', 'null'] },
        categories: { type: 'array', items: { type: 'string' }, description: 'Primary category first.' },
        score: { type: 'number', description: 'Higher is better; comparable within one search only.' },
        highlighted_title: segments,
        highlighted_summary: {
          ...segments,
          description:
            'The passage of the abstract (at most about 300 characters) where the query’s words are densest.',
        },
      },
    },
    HfSearchItem: {
      type: 'object',
      required: ['paper', 'title', 'summary', 'highlightedTitle', 'highlightedSummary'],
      properties: {
        paper: { type: 'object', description: 'The paper as /api/papers/{id} gives it.' },
        title: { type: 'string' },
        summary: { type: 'string' },
        publishedAt: { type: 'string', format: 'date-time', description: 'arXiv v1 date.' },
        numComments: { type: 'integer' },
        highlightedTitle: segments,
        highlightedSummary: segments,
      },
    },
  },
} as const
