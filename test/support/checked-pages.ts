import { readFileSync } from 'node:fs'
import { DEMO_FILE, parseDemo } from '../../src/papers/demo/demo-set.js'
import { upsertPapers } from '../../src/papers/upsert.js'
import { setVote } from '../../src/community/votes/store.js'
import { rebuildVectors } from '../../src/search/vectors/rebuild.js'
import type { Db } from '../../src/platform/db/connect.js'
import { type SignedIn, signedInUser } from './accounts.js'
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
  /** Open it presenting the site's ADMIN_TOKEN (SITE_ADMIN_TOKEN). */
  asAdmin?: boolean
  /** Open it as the signed-in reader `seedCheckedPages` made (CHECKED_READER), with their session cookie. */
  signedIn?: boolean
}

/** The reader whose session the `signedIn` pages are opened with. */
export const CHECKED_READER = 'checked_reader'

const BARE = { id: '2401.00002', title: 'A Withdrawn Paper Without an Abstract' }
const UNDATED_DEMO_PAPER = '2106.07139'

export const CHECKED_PAGES: CheckedPage[] = [
  { name: 'home', path: '/', status: 200 },
  { name: 'day', path: '/papers/date/2026-08-21', status: 200 },
  { name: 'day without papers', path: '/papers/date/2023-01-02', status: 200 },
  { name: 'week', path: '/papers/week/2026-W34', status: 200 },
  { name: 'month', path: '/papers/month/2026-08', status: 200 },
  { name: 'trending', path: '/papers/trending', status: 200 },
  { name: 'paper', path: '/papers/2608.19880', status: 200 },
  { name: 'paper with 573 authors', path: '/papers/2606.15007', status: 200 },
  { name: 'paper without date or authors', path: `/papers/${UNDATED_DEMO_PAPER}`, status: 200 },
  { name: 'withdrawn paper without abstract', path: `/papers/${BARE.id}`, status: 200 },
  { name: 'paper with math in its title and abstract', path: `/papers/${MATH_PAPER_ID}`, status: 200 },
  { name: 'search', path: '/search?q=diffusion', status: 200 },
  { name: 'search page 2, newest first', path: '/search?q=model&sort=newest&page=2', status: 200 },
  { name: 'search without results', path: '/search?q=diffusion&category=hep-th&has_code=1&within=week', status: 200 },
  { name: 'search form', path: '/search', status: 200 },
  { name: 'search help', path: '/search/help', status: 200 },
  { name: 'subscribe result', path: '/subscribe', status: 200, subscribe: 'reader@lab.org' },
  { name: 'paper, signed in', path: '/papers/2608.19880', status: 200, signedIn: true },
  { name: 'daily papers, signed in', path: '/papers/date/2026-08-21', status: 200, signedIn: true },
  { name: 'trending, signed in', path: '/papers/trending', status: 200, signedIn: true },
  { name: 'search, signed in', path: '/search?q=diffusion', status: 200, signedIn: true },
  { name: 'sign up', path: '/signup', status: 200 },
  { name: 'log in', path: '/login', status: 200 },
  { name: 'admin sign-in', path: '/admin/sign-in', status: 200 },
  { name: 'ingest status', path: '/admin/ingest', status: 200, asAdmin: true },
  { name: 'not found', path: '/papers/2401.99999', status: 404 },
  { name: 'bad request', path: '/papers/date/2026-13-45', status: 400 },
]

/**
 * Adds what the recorded data lacks: a paper with no abstract, no authors and no thumbnail,
 * withdrawn; one with math in its title and abstract; and a demo paper with no date and no
 * authors (the demo set itself stepped aside for the recorded days), unfeatured. Then the vectors,
 * so that paper pages show their similar papers, and the reader the `signedIn` pages are seen by,
 * who has voted for the paper page's paper.
 */
export async function seedCheckedPages(db: Db): Promise<SignedIn> {
  const demo = parseDemo(readFileSync(DEMO_FILE, 'utf8'), '2026-08-21', new Date().toISOString())
  const undated = demo.filter((r) => r.id === UNDATED_DEMO_PAPER).map(({ featuring: _, ...r }) => r)
  await upsertPapers(db, [{ ...BARE, withdrawn: true }, mathPaperRecord(), ...undated])
  await rebuildVectors(db)
  const reader = await signedInUser(db, CHECKED_READER)
  // Their vote, so that the signed-in pages show a pressed vote button beside unpressed ones.
  await setVote(db, reader.user.id, '2608.19880', true, new Date().toISOString())
  return reader
}
