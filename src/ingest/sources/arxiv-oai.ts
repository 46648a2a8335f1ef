import { parseDay } from '../../papers/period.js'
import { parseArxivOai, type OaiPage } from '../parse/arxiv-oai.js'
import type { PoliteClient } from '../polite-client.js'
import type { IngestRequest, PaperSource, SourceBatch, SourceContext } from '../source.js'

const METADATA_PREFIX = 'arXivRaw' // every version with its date, which paper_versions keeps
const PAGE_ATTEMPTS = 3 // a truncated page is fetched again this many times before the run fails

/**
 * arXiv's OAI-PMH interface: ListRecords for a set and a date range, following resumptionToken
 * to the end. The next page's token is the run's position, stored once a page has landed, so an
 * interrupted harvest resumes where it stopped; a token that has expired meanwhile
 * (badResumptionToken) restarts the range, which the idempotent upsert makes harmless.
 */
export function arxivOaiSource(client: PoliteClient, baseUrl: string): PaperSource {
  return {
    name: 'arxiv-oai',
    scope: (r) => `${r.set ?? 'all'} ${r.from ?? ''}..${r.until ?? ''}`,
    async *batches(request: IngestRequest, context: SourceContext): AsyncIterable<SourceBatch> {
      for (const day of [request.from, request.until]) {
        if (day !== undefined && !parseDay(day)) throw new Error(`not a date: ${day} (use YYYY-MM-DD)`)
      }
      let token = context.position ? (JSON.parse(context.position) as { token: string }).token : null
      let restarted = false
      let done = 0
      for (;;) {
        const page = await fetchPage(client, pageUrl(baseUrl, request, token), context.signal)
        if (page.error?.code === 'noRecordsMatch') return
        if (page.error?.code === 'badResumptionToken' && token && !restarted) {
          token = null
          restarted = true
          continue
        }
        if (page.error) throw new Error(`OAI-PMH ${page.error.code}: ${page.error.message}`)
        done += page.records.length + page.deleted.length + page.problems.length
        const next = page.resumptionToken
        yield {
          records: page.records,
          deleted: page.deleted,
          problems: page.problems,
          ...(next && { position: JSON.stringify({ token: next.token }) }),
          progress: { done: (next?.cursor ?? 0) || done, total: next?.completeListSize ?? null, unit: 'records' },
        }
        if (!next) return
        token = next.token
      }
    },
  }
}

function pageUrl(baseUrl: string, r: IngestRequest, token: string | null): string {
  // A resumed list takes only the verb and the token (OAI-PMH 2.0 §3.5).
  if (token) return `${baseUrl}?verb=ListRecords&resumptionToken=${encodeURIComponent(token)}`
  const params = new URLSearchParams({ verb: 'ListRecords', metadataPrefix: METADATA_PREFIX })
  if (r.set) params.set('set', r.set)
  if (r.from) params.set('from', r.from)
  if (r.until) params.set('until', r.until)
  return `${baseUrl}?${params}`
}

async function fetchPage(client: PoliteClient, url: string, signal?: AbortSignal): Promise<OaiPage> {
  let last = ''
  for (let attempt = 1; attempt <= PAGE_ATTEMPTS; attempt++) {
    const res = await client.get(url, signal)
    const page = parseArxivOai(res.text)
    if (page.complete || page.error) return page
    last = `HTTP ${res.status}, ${page.problems.at(-1)?.reason ?? 'incomplete page'}`
  }
  throw new Error(`OAI-PMH page could not be read: ${last} (after ${PAGE_ATTEMPTS} attempts)`)
}
