import type { Db } from '../platform/db/connect.js'
import { getPapers } from './store.js'
import type { Paper } from './model.js'

/**
 * What the catalog took in during [since, until): papers it stored for the first time, and papers
 * stored before whose arXiv version moved on or that were withdrawn (alerts tell followers of
 * both). Read through modified_at's index: a new paper's modified_at is at or after its created_at.
 */
export async function papersWrittenBetween(
  db: Db,
  since: string,
  until: string,
): Promise<{ added: Paper[]; changed: Paper[] }> {
  const rows = await db.kysely
    .selectFrom('papers')
    .select(['id', 'created_at', 'version', 'withdrawn'])
    .where('modified_at', '>=', since)
    .where('created_at', '<', until)
    .where('hidden_at', 'is', null)
    .execute()
  const added = rows.filter((r) => r.created_at >= since).map((r) => r.id)
  // Votes and comments move modified_at too; only a later version or a withdrawal is a change.
  const changed = rows
    .filter((r) => r.created_at < since && ((r.version ?? 1) > 1 || r.withdrawn === 1))
    .map((r) => r.id)
  const [a, c] = await Promise.all([getPapers(db, added), getPapers(db, changed)])
  return { added: a, changed: c }
}
