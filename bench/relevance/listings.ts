// The 59,859 real papers of ../shared/data/arxiv-listings, as the catalog's write path takes them.
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { gunzip } from 'node:zlib'
import { z } from 'zod'
import type { PaperRecord } from '../../src/papers/model.js'

/**
 * Read in place from the shared data directory beside the project (or TEST_SHARED_DIR, as the tests
 * read it); never copied into the repo.
 */
const SHARED = process.env.TEST_SHARED_DIR ?? fileURLToPath(new URL('../../../shared/', import.meta.url))
export const LISTINGS_PATH = `${SHARED}data/arxiv-listings/papers.jsonl.gz`

const ListingSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  abstract: z.string().min(1),
  authors: z.array(z.string()).min(1),
  categories: z.array(z.string()).min(1),
  published: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  comments: z.string().optional(),
  doi: z.string().optional(),
  journal_ref: z.string().optional(),
})

/** What the query-set builder reads of a paper. */
export interface ListedPaper {
  id: string
  title: string
  abstract: string
  authors: string[]
}

export async function readListings(path: string = LISTINGS_PATH): Promise<PaperRecord[]> {
  const text = (await promisify(gunzip)(await readFile(path))).toString('utf8')
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => toRecord(ListingSchema.parse(JSON.parse(line))))
}

function toRecord(l: z.infer<typeof ListingSchema>): PaperRecord {
  const publishedAt = `${l.published}T00:00:00.000Z`
  return {
    id: l.id,
    title: l.title,
    abstract: l.abstract,
    version: 1,
    publishedAt,
    categories: l.categories,
    authors: l.authors,
    ...(l.comments ? { comments: l.comments } : {}),
    ...(l.doi ? { doi: l.doi } : {}),
    ...(l.journal_ref ? { journalRef: l.journal_ref } : {}),
    observedAt: publishedAt,
  }
}
