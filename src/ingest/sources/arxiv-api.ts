import { findArxivId } from '../../papers/arxiv-id.js'
import { parseArxivAtom } from '../parse/arxiv-atom.js'
import { FetchFailed, type PoliteClient } from '../polite-client.js'
import type { IngestRequest, PaperSource, SourceBatch, SourceContext } from '../source.js'

export const MAX_RESULTS_PER_CALL = 2000 // the API's largest slice
export const MAX_RESULTS_PER_QUERY = 30_000 // the API serves no result past this
export const IDS_PER_CALL = 100 // keeps the URL short; the API accepts more
const PAGE_ATTEMPTS = 3 // a truncated or unreadable page is fetched again this many times

/**
 * The arXiv API (Atom): a list of ids, or a search query paged by `start`. Reads both the feed
 * format served until 2025-11-11 and the current one (parse/arxiv-atom.ts).
 */
export function arxivApiSource(client: PoliteClient, baseUrl: string): PaperSource {
  return {
    name: 'arxiv-api',
    scope: (r) => (r.ids ? `ids:${normalizeIds(r.ids).join(',')}` : `query:${requireQuery(r)}`),
    async *batches(request: IngestRequest, context: SourceContext): AsyncIterable<SourceBatch> {
      if (request.ids) {
        const ids = normalizeIds(request.ids)
        for (let i = 0; i < ids.length; i += IDS_PER_CALL) {
          const chunk = ids.slice(i, i + IDS_PER_CALL)
          const feed = await fetchArxivPapers(client, baseUrl, chunk, context.signal)
          yield {
            records: feed.records,
            problems: feed.problems,
            progress: { done: i + chunk.length, total: ids.length, unit: 'ids' },
          }
        }
        return
      }
      const query = requireQuery(request)
      let start = context.position ? Number(context.position) : 0
      for (;;) {
        const size = Math.min(MAX_RESULTS_PER_CALL, MAX_RESULTS_PER_QUERY - start)
        if (size <= 0) return
        const url = `${baseUrl}?search_query=${encodeURIComponent(query)}&start=${start}&max_results=${size}&sortBy=submittedDate&sortOrder=descending`
        const feed = await fetchFeed(client, url, context.signal)
        start += feed.records.length + feed.problems.length
        const total = Math.min(feed.totalResults ?? start, MAX_RESULTS_PER_QUERY)
        yield {
          records: feed.records,
          problems: feed.problems,
          position: String(start),
          progress: { done: start, total, unit: 'papers' },
        }
        if (feed.records.length + feed.problems.length === 0 || start >= total) return
      }
    },
  }
}

/** Asks for up to IDS_PER_CALL ids in one request; ids arXiv does not know are simply absent. */
export function fetchArxivPapers(client: PoliteClient, baseUrl: string, ids: string[], signal?: AbortSignal) {
  const url = `${baseUrl}?id_list=${ids.map(encodeURIComponent).join(',')}&max_results=${ids.length}`
  return fetchFeed(client, url, signal)
}

/** Looks one paper up (for on-demand pages); null when arXiv does not know the id. */
export async function fetchArxivPaper(client: PoliteClient, baseUrl: string, id: string, signal?: AbortSignal) {
  const feed = await fetchFeed(client, `${baseUrl}?id_list=${encodeURIComponent(id)}&max_results=1`, signal)
  return feed.records.find((r) => r.id === id) ?? null
}

async function fetchFeed(client: PoliteClient, url: string, signal?: AbortSignal) {
  let last = ''
  let status = 0
  for (let attempt = 1; attempt <= PAGE_ATTEMPTS; attempt++) {
    const res = await client.get(url, signal)
    const feed = parseArxivAtom(res.text)
    if (res.status === 200 && !feed.error) return feed
    // A bad query or id is answered with HTTP 400 and an error entry: asking again won't help.
    if (res.status === 400) throw new FetchFailed(`arXiv API rejected the request: ${feed.error ?? 'HTTP 400'}`, 400)
    last = feed.error ?? `HTTP ${res.status}`
    status = res.status
  }
  throw new FetchFailed(`arXiv API: ${last} (after ${PAGE_ATTEMPTS} attempts)`, status)
}

function normalizeIds(ids: string[]): string[] {
  return [...new Set(ids.map((raw) => findArxivId(raw)?.id ?? raw.trim()).filter(Boolean))]
}

function requireQuery(r: IngestRequest): string {
  if (r.query) return r.query
  if (r.categories?.length) return r.categories.map((c) => `cat:${c}`).join(' OR ')
  throw new Error('arxiv-api needs --ids or --query (or --category)')
}
