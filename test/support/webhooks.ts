import type { Alert, AlertPaper } from '../../src/follows/alert.js'
import type { FollowTables } from '../../src/follows/schema.js'
import type { Db } from '../../src/platform/db/connect.js'

/** A follow of `userId`, made straight in its table (the follows feature has its own tests). */
export async function aFollow(db: Db, userId: number, target: string): Promise<number> {
  const now = new Date().toISOString()
  const row = await db.kysely
    .withTables<FollowTables>()
    .insertInto('follows')
    .values({
      user_id: userId,
      kind: 'category',
      target,
      label: target,
      alert: 'instant',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export const alertPaper = (i: number, over: Partial<AlertPaper> = {}): AlertPaper => ({
  id: `2612.${String(i).padStart(5, '0')}`,
  title: `Paper ${i} on sparse attention`,
  authors: ['Ada Lovelace', 'Grace Hopper'],
  summary: 'We study things.',
  url: `https://papers.example.org/papers/2612.${String(i).padStart(5, '0')}`,
  arxivUrl: `https://arxiv.org/abs/2612.${String(i).padStart(5, '0')}`,
  why: 'category cs.LG',
  ...over,
})

/** An alert for `followId` of `userId` with `n` papers, in batch `batch`. */
export const anAlert = (userId: number, followId: number, batch: string, n = 1): Alert => ({
  followId,
  userId,
  kind: 'category',
  label: 'cs.LG',
  cadence: 'instant',
  followUrl: 'https://papers.example.org/following',
  batch,
  papers: Array.from({ length: n }, (_, i) => alertPaper(i + 1)),
})
