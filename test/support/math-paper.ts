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
  const record = texTitledListings().find((r) => r.id === MATH_PAPER_ID)
  if (!record) throw new Error(`${MATH_PAPER_ID} is not in the arXiv listings`)
  return record
}

interface Listing {
  id: string
  title: string
  abstract: string
  authors: string[]
  categories: string[]
  published: string
}

/** The papers of the arXiv listings whose titles hold TeX (a `$` or a backslash): about 900. */
export function texTitledListings(): PaperRecord[] {
  const text = gunzipSync(readFileSync(`${SHARED}data/arxiv-listings/papers.jsonl.gz`)).toString('utf8')
  const records: PaperRecord[] = []
  for (const line of text.split('\n')) {
    if (line === '') continue
    const listing = JSON.parse(line) as Listing
    if (!/[$\\]/.test(listing.title)) continue
    records.push({
      id: listing.id,
      title: listing.title,
      abstract: listing.abstract,
      // The listings keep arXiv's "and" before the last name.
      authors: listing.authors.map((name) => name.replace(/^and /, '')),
      categories: listing.categories,
      publishedAt: `${listing.published}T00:00:00.000Z`,
    })
  }
  return records
}
