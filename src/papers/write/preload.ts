import type { BulkSession } from '../../platform/db/bulk-session.js'
import type { PaperRecord } from '../model.js'
import type { FeaturedRow, PaperRow, VersionRow } from '../rows.js'
import { chunks, IDS_PER_QUERY } from './chunks.js'

/** What the catalog holds of a batch's papers, keyed for the diff. */
export interface Stored {
  papers: Map<string, PaperRow>
  /** Author names in order, by paper id. */
  authors: Map<string, string[]>
  /** Featured rows by paper id, then by day. */
  featured: Map<string, Map<string, FeaturedRow>>
  /** Version rows by `<paper id> <version>`. */
  versions: Map<string, VersionRow>
}

/**
 * Reads the stored state of a batch's papers, `IDS_PER_QUERY` ids at a time. Authors, days and
 * versions belong to a stored paper, so they are read only for the papers found: a first load,
 * where no paper is found, costs one query per chunk.
 */
export async function preloadStored(s: BulkSession, records: readonly PaperRecord[]): Promise<Stored> {
  const stored: Stored = {
    papers: new Map(),
    authors: new Map(),
    featured: new Map(),
    versions: new Map(),
  }
  const q = s.kysely
  for (const ids of chunks([...new Set(records.map((r) => r.id))], IDS_PER_QUERY)) {
    // On PostgreSQL the rows are locked until the batch commits: the shown counts it writes add the
    // local votes read here, which a concurrent vote must not change in between (a lost vote).
    // In id order, so two writers lock shared rows in one order. SQLite runs one writer at a time.
    const query = q
      .selectFrom('papers')
      .selectAll()
      .where('id', 'in', ids)
      .$if(s.dialect === 'postgres', (qb) => qb.orderBy('id').forUpdate())
    for (const row of await s.run(query)) stored.papers.set(row.id, row)
  }
  const found = [...stored.papers.keys()]
  for (const ids of chunks(found, IDS_PER_QUERY)) {
    const authorRows = await s.run(
      q
        .selectFrom('paper_authors')
        .select(['paper_id', 'name'])
        .where('paper_id', 'in', ids)
        .orderBy('paper_id')
        .orderBy('position'),
    )
    for (const a of authorRows) stored.authors.set(a.paper_id, [...(stored.authors.get(a.paper_id) ?? []), a.name])
    for (const f of await s.run(q.selectFrom('featured').selectAll().where('paper_id', 'in', ids)))
      setFeatured(stored, f)
  }
  const listsVersions = new Set(records.filter((r) => r.versions?.length).map((r) => r.id))
  const withVersions = found.filter((id) => listsVersions.has(id))
  for (const ids of chunks(withVersions, IDS_PER_QUERY)) {
    const rows = await s.run(q.selectFrom('paper_versions').selectAll().where('paper_id', 'in', ids))
    for (const v of rows) stored.versions.set(`${v.paper_id} ${v.version}`, v)
  }
  return stored
}

export function setFeatured(stored: Stored, row: FeaturedRow): void {
  const days = stored.featured.get(row.paper_id) ?? new Map<string, FeaturedRow>()
  days.set(row.featured_on, row)
  stored.featured.set(row.paper_id, days)
}
