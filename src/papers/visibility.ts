import { inBulkSession } from '../platform/db/bulk-session.js'
import type { Db } from '../platform/db/connect.js'
import { indexPapers } from '../search/engine.js'
import { noteCatalogWrite } from './store.js'

/**
 * Whether a paper shows in the feed: an admin can take one out (community/moderation). Hidden, it
 * is left out of the listings, trending, the API's lists and the search index (store.ts, search/);
 * its page stays, so links to it keep working.
 */

/** Hides or shows a paper; false when the catalog has no such paper. */
export async function setPaperHidden(db: Db, id: string, hidden: boolean, now: string): Promise<boolean> {
  const found = await inBulkSession(db, async (s) => {
    // modified_at moves so that every cached page and API answer that listed it is renewed. It is
    // the write's wall-clock time, as the upserts write it (upsert.ts), so that it is the newest.
    const updated = await s.run(
      s.kysely
        .updateTable('papers')
        .set({ hidden_at: hidden ? now : null, modified_at: new Date().toISOString() })
        .where('id', '=', id)
        .returning('id'),
    )
    // Out of the search index while hidden, back in when shown: in the same transaction, so a
    // search never finds a paper the feed leaves out, nor counts it in its total.
    if (updated.length > 0) await indexPapers(s, [id])
    return updated.length > 0
  })
  noteCatalogWrite()
  return found
}

/**
 * Tells the page caches that what a paper's page and API answers show changed, for a change the
 * catalog does not hold itself (an approved author claim links a name): it moves `modified_at`.
 */
export async function markPaperModified(db: Db, id: string): Promise<void> {
  await db.kysely.updateTable('papers').set({ modified_at: new Date().toISOString() }).where('id', '=', id).execute()
  noteCatalogWrite()
}

/** When the paper was hidden from the feed; null when it shows (or is unknown). */
export async function paperHiddenAt(db: Db, id: string): Promise<string | null> {
  const row = await db.kysely.selectFrom('papers').select('hidden_at').where('id', '=', id).executeTakeFirst()
  return row?.hidden_at ?? null
}

export interface HiddenPaper {
  id: string
  title: string
  hiddenAt: string
}

/** The papers hidden from the feed, most recently hidden first. */
export async function listHiddenPapers(db: Db, limit: number): Promise<HiddenPaper[]> {
  const rows = await db.kysely
    .selectFrom('papers')
    .select(['id', 'title', 'hidden_at'])
    .where('hidden_at', 'is not', null)
    .orderBy('hidden_at', 'desc')
    .limit(limit)
    .execute()
  return rows.map((r) => ({ id: r.id, title: r.title, hiddenAt: r.hidden_at! }))
}
