import { upsertPapers } from '../../src/papers/upsert.js'
import type { Db } from '../../src/platform/db/connect.js'
import { MATH_PAPER_ID, mathPaperRecord } from './math-paper.js'

/**
 * One page of every kind the site serves, for the accessibility and HTML checkers to read. The
 * catalog is the one seedCatalog() fills, plus `seedCheckedPages()`.
 */
export interface CheckedPage {
  name: string
  path: string
  status: number
  /** Submit the header's subscribe form with this address instead of opening `path`. */
  subscribe?: string
}

const BARE = { id: '2401.00002', title: 'A Withdrawn Paper Without an Abstract' }

export const CHECKED_PAGES: CheckedPage[] = [
  { name: 'home', path: '/', status: 200 },
  { name: 'day', path: '/papers/date/2026-08-21', status: 200 },
  { name: 'day without papers', path: '/papers/date/2023-01-02', status: 200 },
  { name: 'week', path: '/papers/week/2026-W34', status: 200 },
  { name: 'month', path: '/papers/month/2026-08', status: 200 },
  { name: 'trending', path: '/papers/trending', status: 200 },
  { name: 'paper', path: '/papers/2608.19880', status: 200 },
  { name: 'paper with 573 authors', path: '/papers/2606.15007', status: 200 },
  { name: 'paper without date or authors', path: '/papers/2106.07139', status: 200 },
  { name: 'withdrawn paper without abstract', path: `/papers/${BARE.id}`, status: 200 },
  { name: 'paper with math in its title and abstract', path: `/papers/${MATH_PAPER_ID}`, status: 200 },
  { name: 'search', path: '/search?q=diffusion', status: 200 },
  { name: 'subscribe result', path: '/subscribe', status: 200, subscribe: 'reader@lab.org' },
  { name: 'ingest status', path: '/admin/ingest', status: 200 },
  { name: 'not found', path: '/papers/2401.99999', status: 404 },
  { name: 'bad request', path: '/papers/date/2026-13-45', status: 400 },
]

/**
 * Adds what the recorded data lacks: a paper with no abstract, no authors and no thumbnail,
 * withdrawn; and one with math in its title and abstract.
 */
export async function seedCheckedPages(db: Db): Promise<void> {
  await upsertPapers(db, [{ ...BARE, withdrawn: true }, mathPaperRecord()])
}
