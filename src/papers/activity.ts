import type { Kysely } from 'kysely'
import { preparedQuery } from '../platform/db/prepared.js'
import type { Database } from '../platform/db/schema.js'
import { noteCatalogWrite } from './store.js'
import { trendingScore } from './trending.js'

/** A change in what readers did to a paper here: +1 for a vote or comment, −1 for one taken back. */
export interface ActivityDelta {
  votes?: number
  comments?: number
}

/**
 * The one way community code changes a paper's counts, inside the caller's transaction (the
 * vote's or comment's own, so the count and the row that justifies it commit together). The local
 * and shown counts move by SQL increments, never read-modify-write, so concurrent votes all count;
 * the trending score is then recomputed from the row as that increment left it, which no other
 * writer can change before this transaction ends (the UPDATE holds the row on PostgreSQL, and
 * SQLite runs one writer at a time). `modified_at` moves too: the counts are on the cached pages.
 * Returns the paper's shown counts as they now are; null (and nothing changed) for an unknown paper.
 */
export async function adjustActivity(
  trx: Kysely<Database>,
  paperId: string,
  delta: ActivityDelta,
  now: string,
): Promise<{ upvotes: number; numComments: number } | null> {
  const [row] = (await countActivity(trx, { paperId, votes: delta.votes ?? 0, comments: delta.comments ?? 0, now }))
    .rows
  if (!row) return null
  const score = trendingScore(
    { upvotes: row.upvotes, comments: row.num_comments },
    row.featured_at ?? row.published_at ?? null,
  )
  await storeTrendingScore(trx, { paperId, score })
  noteCatalogWrite()
  return { upvotes: row.upvotes, numComments: row.num_comments }
}

// Prepared: every vote and comment runs these two (platform/db/prepared.ts).
const countActivity = preparedQuery((db, p: { paperId: string; votes: number; comments: number; now: string }) =>
  db
    .updateTable('papers')
    .set((eb) => ({
      upvotes: eb('upvotes', '+', p.votes),
      local_upvotes: eb('local_upvotes', '+', p.votes),
      num_comments: eb('num_comments', '+', p.comments),
      local_comments: eb('local_comments', '+', p.comments),
      modified_at: p.now,
    }))
    .where('id', '=', p.paperId)
    .returning((eb) => [
      'upvotes',
      'num_comments',
      'published_at',
      // The score's clock starts at the latest featuring, as in the import (papers/merge.ts).
      eb
        .selectFrom('featured')
        .select((f) => f.fn.max('submitted_at').as('at'))
        .where('featured.paper_id', '=', p.paperId)
        .as('featured_at'),
    ]),
)

const storeTrendingScore = preparedQuery((db, p: { paperId: string; score: number }) =>
  db.updateTable('papers').set({ trending_score: p.score }).where('id', '=', p.paperId),
)
