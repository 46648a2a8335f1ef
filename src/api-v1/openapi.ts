import { accountDataPaths } from '../account-data/openapi.js'
import { claimsOpenApi } from '../community/claims/openapi.js'
import { collectionPaths } from '../community/collections/openapi.js'
import { commentPaths } from '../community/comments/openapi.js'
import { submissionPaths } from '../community/submissions/openapi.js'
import { voteApiPaths } from '../community/votes/openapi.js'
import { followApiPaths } from '../follows/openapi.js'
import { composeOpenApi, type OpenApiPart } from '../platform/http/openapi.js'
import { searchOpenApi } from '../search/openapi.js'

/**
 * The one OpenAPI document of Paperboy's own API, served at /api/v1/openapi.json: each feature's
 * part, written beside its routes. A feature with routes under /api/v1 adds its part here.
 */
export const openApiDocument = composeOpenApi(
  {
    title: 'Paperboy API',
    version: '1',
    description:
      'Search the catalog, and take part as a member: vote, comment, submit papers, keep collections, follow ' +
      'authors, categories and searches, claim authorship. Reads are open; every write needs a personal access token made on your settings page ' +
      '(`Authorization: Bearer pb_…`). Field names of /api/v1 are snake_case; `/api/papers/search` answers in ' +
      'Hugging Face’s shape for its clients. Errors are `{"error": "…"}` with a 4xx status.',
  },
  [
    searchOpenApi,
    claimsOpenApi,
    ...[voteApiPaths, commentPaths, submissionPaths, collectionPaths, followApiPaths, accountDataPaths].map(pathsPart),
  ],
)

/** A part that is only paths, written as plain object literals beside its routes. */
function pathsPart(paths: object): OpenApiPart {
  return { paths: paths as OpenApiPart['paths'] }
}
