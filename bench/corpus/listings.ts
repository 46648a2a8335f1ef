// The real material the generator recombines: the arXiv listings corpus, read once per process.
import { readFile } from 'node:fs/promises'
import { promisify } from 'node:util'
import { gunzip } from 'node:zlib'
import { z } from 'zod'
import { splitSentences, toCuttableTitle, type CuttableTitle } from './text.js'

/** Read in place from the shared data directory beside the project; never copied into the repo. */
const LISTINGS_PATH = new URL('../../../shared/data/arxiv-listings/papers.jsonl.gz', import.meta.url)

const ListingSchema = z.object({
  title: z.string().min(1),
  abstract: z.string().min(1),
  authors: z.array(z.string()).min(1),
  categories: z.array(z.string()).min(1),
  published_exact: z.boolean(),
  comments: z.string().optional(),
  doi: z.string().optional(),
  journal_ref: z.string().optional(),
})
type Listing = z.infer<typeof ListingSchema>

/** A real paper whose shape (categories, author and sentence counts, comments) a new one copies. */
export interface Template {
  /** Index into `Listings.pools`: the paper's primary category. */
  pool: number
  title: CuttableTitle
  categories: string
  authorCount: number
  sentenceCount: number
  comments: string | null
}

/** The titles and abstract sentences of one primary category, so a new paper stays on topic. */
export interface CategoryPool {
  titles: CuttableTitle[]
  sentences: string[]
}

/** A DOI and journal reference as recorded together on one real paper (either may be missing). */
export interface Publication {
  doi: string | null
  journalRef: string | null
}

export interface Listings {
  templates: Template[]
  pools: CategoryPool[]
  /** Every real author name, the most prolific first. */
  namesByFrequency: string[]
  /**
   * Only arXiv's own .abs records carry DOIs and journal references; the crawled listings lack
   * them. Drawing from these gives their real frequencies and pairing.
   */
  publications: Publication[]
}

let loading: Promise<Listings> | undefined

/** The listings corpus, indexed for generation; read on first call, then shared. */
export function loadListings(): Promise<Listings> {
  loading ??= readListings()
  return loading
}

async function readListings(): Promise<Listings> {
  const text = (await promisify(gunzip)(await readFile(LISTINGS_PATH))).toString('utf8')
  const listings = text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => ListingSchema.parse(JSON.parse(line)))
  const poolIndex = new Map<string, number>()
  const pools: CategoryPool[] = []
  const templates = listings.map((listing): Template => {
    const primary = listing.categories[0]!
    let pool = poolIndex.get(primary)
    if (pool === undefined) {
      pool = pools.push({ titles: [], sentences: [] }) - 1
      poolIndex.set(primary, pool)
    }
    const title = toCuttableTitle(listing.title)
    const sentences = splitSentences(listing.abstract)
    pools[pool]!.titles.push(title)
    pools[pool]!.sentences.push(...sentences)
    return {
      pool,
      title,
      categories: listing.categories.join(' '),
      authorCount: listing.authors.length,
      sentenceCount: sentences.length,
      comments: listing.comments ?? null,
    }
  })
  return {
    templates,
    pools,
    namesByFrequency: rankNames(listings),
    publications: listings
      .filter((listing) => listing.published_exact)
      .map((listing) => ({ doi: listing.doi ?? null, journalRef: listing.journal_ref ?? null })),
  }
}

/** Distinct author names by paper count, most first; ties keep first appearance, so stable. */
function rankNames(listings: Listing[]): string[] {
  const counts = new Map<string, number>()
  for (const listing of listings) {
    for (const name of listing.authors) counts.set(name, (counts.get(name) ?? 0) + 1)
  }
  return [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)!)
}
