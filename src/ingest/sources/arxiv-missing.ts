import { isArxivId } from '../../papers/arxiv-id.js'
import { listIncompletePapers } from '../../papers/store.js'
import type { Db } from '../../platform/db/connect.js'
import { fillGaps } from '../gaps.js'
import type { PoliteClient } from '../polite-client.js'
import type { PaperSource, Problem, SourceBatch, SourceContext } from '../source.js'
import { fetchArxivPapers, IDS_PER_CALL } from './arxiv-api.js'

/**
 * The arXiv API asked for the papers of the catalog that lack authors, categories or dates (the
 * demo set's, and Hugging Face's, which carry no categories), a hundred ids per request. It only
 * fills gaps (gaps.ts). Its position is the last id asked about, so an interrupted run resumes
 * there and every run ends, even when arXiv does not know some ids.
 */
export function arxivMissingSource(db: Db, client: PoliteClient, baseUrl: string): PaperSource {
  return {
    name: 'arxiv-api',
    scope: () => 'missing',
    async *batches(_request, context: SourceContext): AsyncIterable<SourceBatch> {
      let after = context.position ?? ''
      let done = 0
      for (;;) {
        const papers = await listIncompletePapers(db, after, IDS_PER_CALL)
        if (papers.length === 0) return
        after = papers.at(-1)!.id
        done += papers.length
        // A paper with a local id (no arXiv id) has nothing to ask arXiv about.
        const asked = papers.filter((p) => isArxivId(p.id))
        const feed =
          asked.length > 0
            ? await fetchArxivPapers(
                client,
                baseUrl,
                asked.map((p) => p.id),
                context.signal,
              )
            : { records: [], problems: [] }
        const found = new Map(feed.records.map((r) => [r.id, r]))
        const unknown: Problem[] = asked
          .filter((p) => !found.has(p.id))
          .map((p) => ({ where: p.id, reason: 'arXiv returned no paper for this id' }))
        yield {
          records: asked.filter((p) => found.has(p.id)).map((p) => fillGaps(p, found.get(p.id)!)),
          problems: [...feed.problems, ...unknown],
          position: after,
          progress: { done, total: null, unit: 'papers' },
        }
      }
    },
  }
}
