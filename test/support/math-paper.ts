import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import type { PaperRecord } from '../../src/papers/model.js'
import { SHARED } from './env.js'

/**
 * A real arXiv paper with math in its title and abstract, from ../shared/data/arxiv-listings:
 * Hugging Face's recorded copies drop the `$`, so the recorded days hold no such title.
 */
export const MATH_PAPER_ID = '0704.0395'

export function mathPaperRecord(): PaperRecord {
  const lines = gunzipSync(readFileSync(`${SHARED}data/arxiv-listings/papers.jsonl.gz`)).toString('utf8').split('\n')
  const line = lines.find((l) => l.startsWith(`{"id": "${MATH_PAPER_ID}"`))
  if (!line) throw new Error(`${MATH_PAPER_ID} is not in the arXiv listings`)
  const listing = JSON.parse(line) as { title: string; abstract: string; authors: string[]; categories: string[] }
  return {
    id: MATH_PAPER_ID,
    title: listing.title,
    abstract: listing.abstract,
    // The listing keeps arXiv's "and" before the last name.
    authors: listing.authors.map((name) => name.replace(/^and /, '')),
    categories: listing.categories,
    publishedAt: '2007-04-03T00:00:00.000Z',
  }
}
