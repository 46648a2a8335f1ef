import { Hono } from 'hono'
import { z } from 'zod'
import { hfPeople } from '../community/hf-people.js'
import { type People, toSearchItem } from '../papers/huggingface/shape.js'
import type { PaperLookup } from '../papers/lookup.js'
import type { Paper } from '../papers/model.js'
import { toDay } from '../papers/period.js'
import type { Db } from '../platform/db/connect.js'
import { parseQuery as parseParams } from '../platform/http/params.js'
import { cacheKey, jsonOf, type ResponseCache } from '../platform/http/response-cache.js'
import { type HighlightedPaper, type HighlightPlan, highlightPaper } from './highlight.js'
import { pastedPaper } from './id-shortcut.js'
import { MAX_RESULTS } from './model.js'
import { HF_SEARCH_API, V1_SEARCH_API } from './paths.js'
import { formatQuery, parseQuery } from './query.js'
import {
  asksForSomething,
  HF_DEFAULT_LIMIT,
  HF_MAX_LIMIT,
  MAX_QUERY_LENGTH,
  parseSearchOptions,
  searchParamsOf,
  toSearchRequest,
} from './request.js'
import { searchHighlighted, searchV1Results } from './service.js'

/** Hugging Face highlights the title and the whole abstract. */
const HF_HIGHLIGHT: HighlightPlan = { plain: false, summaryChars: null, authors: false }
/** A v1 result carries the abstract's passage of the results page. */
const V1_HIGHLIGHT: HighlightPlan = { plain: false, summaryChars: 300, authors: false }

const hfQuery = z.object({
  q: z.string().max(MAX_QUERY_LENGTH, `q must be at most ${MAX_QUERY_LENGTH} characters`).default(''),
  limit: z.coerce
    .number({ message: 'limit must be a number' })
    .int('limit must be a whole number')
    .min(1, `limit must be between 1 and ${HF_MAX_LIMIT}`)
    .max(HF_MAX_LIMIT, `limit must be between 1 and ${HF_MAX_LIMIT}`)
    .default(HF_DEFAULT_LIMIT),
})

/**
 * The search API: Hugging Face's `/api/papers/search` (../shared/HF-API.md), so its clients'
 * `list_papers(query=…)` work against Paperboy, and Paperboy's own `/api/v1/search` with filters,
 * sorting, pages and the total, described at `/api/v1/openapi.json`. Answers come from `cache`,
 * keyed by the query as both engines read it (formatQuery) and the parsed parameters.
 */
export function searchApi(db: Db, baseUrl: string, cache: ResponseCache, lookup?: PaperLookup, now = Date.now): Hono {
  const app = new Hono()

  app.get(HF_SEARCH_API, async (c) => {
    const { q, limit } = parseParams(hfQuery, c.req.query())
    const pasted = await pastedPaper(db, q, lookup)
    if (pasted !== undefined) {
      const people = pasted ? await hfPeople(db, baseUrl, [pasted]) : undefined
      return c.json(pasted ? [hfItem(pasted, highlightPaper(pasted, parseQuery(''), HF_HIGHLIGHT), people)] : [])
    }
    const query = parseQuery(q)
    return cache.respond(c, cacheKey(HF_SEARCH_API, { q: formatQuery(query), limit }), async () => {
      if (!asksForSomething(query)) return jsonOf([])
      const request = { query, sort: 'relevance' as const, offset: 0, limit }
      const found = await searchHighlighted(db, request, HF_HIGHLIGHT)
      const people = await hfPeople(
        db,
        baseUrl,
        found.hits.map((hit) => hit.paper),
      )
      return jsonOf(found.hits.map((hit) => hfItem(hit.paper, hit.highlighted, people)))
    })
  })

  app.get(V1_SEARCH_API, async (c) => {
    const options = parseSearchOptions(c.req.query())
    const query = parseQuery(options.q)
    const request = toSearchRequest(options, query, toDay(now()))
    const canonical = formatQuery(query)
    // The notes depend on the spelling, not only on the query read from it; they are part of the answer.
    const key = cacheKey(V1_SEARCH_API, {
      search: searchParamsOf({ ...options, q: canonical }).toString(),
      from: request.from,
      notes: query.notes.join('\n'),
    })
    return cache.respond(c, key, async () => {
      const page = asksForSomething(query, options)
        ? await searchV1Results(db, request, V1_HIGHLIGHT)
        : { results: '[]', total: { value: 0, exact: true } }
      const head = JSON.stringify({
        query: canonical,
        notes: query.notes,
        total: page.total.value,
        exact: page.total.exact,
        page: options.page,
        per_page: options.perPage,
        max_results: MAX_RESULTS,
      })
      // The results come as JSON text already (v1-results.ts): the last member, spliced in.
      return { body: `${head.slice(0, -1)},"results":${page.results}}`, contentType: 'application/json' }
    })
  })

  return app
}

/** A result in Hugging Face's shape, with the title and the whole abstract highlighted as it does. */
function hfItem(paper: Paper, highlighted: HighlightedPaper, people?: People) {
  return {
    ...toSearchItem(paper, people),
    highlightedTitle: highlighted.title,
    highlightedSummary: highlighted.summary,
  }
}
