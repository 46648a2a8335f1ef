import type { PaperRecord } from '../../papers/model.js'
import { parseArxivRss } from '../parse/arxiv-rss.js'
import { isoFromDay } from '../parse/fields.js'
import type { PoliteClient } from '../polite-client.js'
import type { IngestRequest, PaperSource, SourceBatch, SourceContext } from '../source.js'

/**
 * arXiv's daily announcement feed (rss.arxiv.org) for the configured categories, fetched as one
 * combined feed (`cs.LG+stat.ML`). New papers carry a featuring on the announcement day, which
 * the pipeline keeps only when this source is configured to feature (INGEST_FEATURE);
 * cross-lists and replacements update the catalog.
 */
export function arxivRssSource(client: PoliteClient, baseUrl: string): PaperSource {
  return {
    name: 'arxiv-rss',
    scope: (r) => categories(r).join('+'),
    async *batches(request: IngestRequest, context: SourceContext): AsyncIterable<SourceBatch> {
      const res = await client.get(`${baseUrl}/rss/${categories(request).join('+')}`, context.signal)
      const feed = parseArxivRss(res.text)
      if (feed.error) throw new Error(`arXiv RSS: ${feed.error}`)
      if (res.status !== 200) throw new Error(`arXiv RSS answered HTTP ${res.status}`)
      // The announcement day, not the time of the poll: polling the same feed again changes nothing.
      const submittedAt = isoFromDay(feed.announcedOn)
      const records = feed.items.map(({ announceType, record }, position): PaperRecord => {
        if (announceType !== 'new' || !submittedAt || !feed.announcedOn) return record
        return {
          ...record,
          featuring: { featuredOn: feed.announcedOn, source: 'arxiv', position, submittedBy: null, submittedAt },
        }
      })
      yield {
        records,
        problems: feed.problems,
        progress: { done: records.length, total: records.length, unit: 'papers' },
      }
    },
  }
}

function categories(r: IngestRequest): string[] {
  if (!r.categories?.length) throw new Error('arxiv-rss needs at least one category (--category cs.LG)')
  return r.categories
}
