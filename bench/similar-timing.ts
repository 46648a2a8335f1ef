// The time similar papers take for a paper page, shared by the relevance and search benchmarks.
import type { Db } from '../src/platform/db/connect.js'
import { type PaperContent, similarPapers } from '../src/search/similar.js'

/**
 * Similar papers for each of these papers, each computed afresh (the first request for a paper,
 * before its list is cached): the work one paper page adds. Wall-clock percentiles in ms.
 */
export async function timeSimilarPapers(
  db: Db,
  papers: readonly PaperContent[],
): Promise<{ p50: number; p95: number }> {
  const times: number[] = []
  for (const paper of papers) {
    const started = performance.now()
    await similarPapers(db, paper)
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  const at = (q: number) => Number((times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0).toFixed(2))
  return { p50: at(0.5), p95: at(0.95) }
}
