import type { Kysely, Transaction } from 'kysely'
import { jsonRows } from '../platform/db/json-rows.js'
import type { Db } from '../platform/db/connect.js'
import type { Database } from '../platform/db/schema.js'
import { DEMO_SOURCE, deleteDemo, isDemoShown } from './demo/store.js'
import { mergePaper, type PaperValues } from './merge.js'
import { noteCatalogWrite } from './store.js'
import type { Featuring, PaperRecord, UpsertResult } from './model.js'
import type { FeaturedRow, PaperRow, VersionRow } from './rows.js'

type Q = Kysely<Database> | Transaction<Database>

// Rows per bulk statement: large enough to amortise a statement, small enough to stay a few MB.
const ROWS_PER_STATEMENT = 1000
// Ids per `IN (…)` list, well under SQLite's and PostgreSQL's bound-parameter limits.
const IDS_PER_QUERY = 1000

/**
 * The one write path into the catalog: every importer and ingest source hands its records here.
 * Idempotent: records equal to what is stored change nothing. Counts are per distinct paper.
 */
export async function upsertPapers(db: Db, records: PaperRecord[]): Promise<UpsertResult> {
  if (records.length === 0) return { added: 0, updated: 0, unchanged: 0 }
  const now = new Date().toISOString()
  const result = await db.kysely.transaction().execute(async (trx) => {
    const ids = [...new Set(records.map((r) => r.id))]
    const versionIds = [...new Set(records.filter((r) => r.versions?.length).map((r) => r.id))]
    const [rows, authorRows, featuredRows, versionRows] = await Promise.all([
      trx.selectFrom('papers').selectAll().where('id', 'in', ids).execute(),
      trx.selectFrom('paper_authors').select(['paper_id', 'name']).where('paper_id', 'in', ids)
        .orderBy('paper_id').orderBy('position').execute(),
      trx.selectFrom('featured').selectAll().where('paper_id', 'in', ids).execute(),
      versionIds.length === 0
        ? Promise.resolve([])
        : trx.selectFrom('paper_versions').selectAll().where('paper_id', 'in', versionIds).execute(),
    ])
    const versions = new Map(versionRows.map((v) => [`${v.paper_id} ${v.version}`, v]))
    const stored = new Map<string, PaperRow>(rows.map((r) => [r.id, r]))
    const wasStored = new Set(stored.keys())
    const authors = new Map<string, string[]>()
    for (const a of authorRows) authors.set(a.paper_id, [...(authors.get(a.paper_id) ?? []), a.name])
    const featured = new Map<string, Map<string, FeaturedRow>>()
    for (const f of featuredRows) setFeatured(featured, f)

    const paperWrites = new Map<string, PaperValues>()
    const authorWrites = new Map<string, string[]>()
    const featuredWrites = new Map<string, FeaturedRow>()
    const versionWrites = new Map<string, VersionRow>()
    for (const record of records) {
      for (const v of record.versions ?? []) {
        const key = `${record.id} ${v.version}`
        const had = versions.get(key)
        // What a source does not know about a version (its date, its title) keeps the stored value.
        const row: VersionRow = {
          paper_id: record.id,
          version: v.version,
          created_at: v.createdAt ?? had?.created_at ?? null,
          title: v.title ?? had?.title ?? null,
        }
        if (had && had.created_at === row.created_at && had.title === row.title) continue
        versions.set(key, row)
        versionWrites.set(key, row)
      }
      if (record.featuring) {
        const row = featuredRow(record.id, record.featuring)
        if (!sameFeatured(featured.get(row.paper_id)?.get(row.featured_on), row)) {
          setFeatured(featured, row)
          featuredWrites.set(`${row.paper_id} ${row.featured_on}`, row)
        }
      }
      const latest = latestFeaturedAt(featured.get(record.id))
      const values = mergePaper(stored.get(record.id), record, latest, now)
      if (values) {
        stored.set(record.id, values as PaperRow)
        paperWrites.set(record.id, values)
      }
      if (record.authors && !sameList(authors.get(record.id) ?? [], record.authors)) {
        authors.set(record.id, record.authors)
        authorWrites.set(record.id, record.authors)
      }
    }
    const touched = new Set([...paperWrites.keys(), ...authorWrites.keys()])
    for (const f of featuredWrites.values()) touched.add(f.paper_id)
    for (const v of versionWrites.values()) touched.add(v.paper_id)
    // modified_at covers the paper's authors and featured days too: it is what page caches
    // compare (catalogVersion), so any change to what a page shows must move it.
    for (const id of touched) if (!paperWrites.has(id)) paperWrites.set(id, { ...stored.get(id)!, modified_at: now })

    await writePapers(db, trx, [...paperWrites.values()])
    await writeAuthors(db, trx, authorWrites)
    await writeFeatured(db, trx, [...featuredWrites.values()])
    await writeVersions(db, trx, [...versionWrites.values()])
    // Real featured papers replace the demo set as they arrive, in the same transaction, so no page
    // ever shows both (docs/decisions/0010-demo-set.md).
    const real = [...featuredWrites.values()].some((f) => f.source !== DEMO_SOURCE)
    if (real && (await isDemoShown(trx))) await deleteDemo(trx, 'real featured papers arrived', now)

    const added = ids.filter((id) => !wasStored.has(id)).length
    const updated = ids.filter((id) => wasStored.has(id) && touched.has(id)).length
    return { added, updated, unchanged: ids.length - added - updated }
  })
  // After the commit, so that no page cache reads the old version under the new count.
  if (result.added + result.updated > 0) noteCatalogWrite()
  return result
}

const PAPER_COLUMNS = [
  'id', 'version', 'title', 'abstract', 'published_at', 'updated_at', 'categories',
  'primary_category', 'comments', 'journal_ref', 'doi', 'license', 'github_repo', 'github_stars',
  'project_page', 'ai_summary', 'ai_keywords', 'thumbnail', 'organization', 'withdrawn', 'upvotes',
  'num_comments', 'trending_score', 'observed_at', 'created_at', 'modified_at',
] as const satisfies readonly (keyof PaperValues)[]
const UPDATED_COLUMNS = PAPER_COLUMNS.filter((c) => c !== 'id' && c !== 'created_at')
const VERSION_COLUMNS = ['paper_id', 'version', 'created_at', 'title'] as const
const FEATURED_COLUMNS = ['paper_id', 'featured_on', 'source', 'position', 'submitted_by', 'submitter', 'submitted_at'] as const

async function writePapers(db: Db, trx: Q, rows: PaperValues[]): Promise<void> {
  for (const chunk of chunks(rows, ROWS_PER_STATEMENT)) {
    await trx
      .insertInto('papers')
      .columns(PAPER_COLUMNS)
      .expression(jsonRows(db, 'papers', PAPER_COLUMNS, chunk))
      .onConflict((oc) => oc.column('id').doUpdateSet((eb) => excludedColumns(eb, UPDATED_COLUMNS)))
      .execute()
  }
}

async function writeAuthors(db: Db, trx: Q, byPaper: Map<string, string[]>): Promise<void> {
  if (byPaper.size === 0) return
  const ids = [...byPaper.keys()]
  for (const chunk of chunks(ids, IDS_PER_QUERY)) {
    await trx.deleteFrom('paper_authors').where('paper_id', 'in', chunk).execute()
  }
  const rows = ids.flatMap((id) => byPaper.get(id)!.map((name, position) => ({ paper_id: id, position, name, hidden: 0 })))
  const columns = ['paper_id', 'position', 'name', 'hidden'] as const
  for (const chunk of chunks(rows, ROWS_PER_STATEMENT * 10)) {
    await trx.insertInto('paper_authors').columns(columns).expression(jsonRows(db, 'paper_authors', columns, chunk)).execute()
  }
}

async function writeFeatured(db: Db, trx: Q, rows: FeaturedRow[]): Promise<void> {
  for (const chunk of chunks(rows, ROWS_PER_STATEMENT)) {
    await trx
      .insertInto('featured')
      .columns(FEATURED_COLUMNS)
      .expression(jsonRows(db, 'featured', FEATURED_COLUMNS, chunk))
      .onConflict((oc) =>
        oc.columns(['paper_id', 'featured_on']).doUpdateSet((eb) => excludedColumns(eb, FEATURED_COLUMNS.slice(2))),
      )
      .execute()
  }
}

// `SET column = excluded.column` for each column: the upsert takes the incoming row's values.
function excludedColumns(eb: { ref(reference: never): unknown }, columns: readonly string[]) {
  return Object.fromEntries(columns.map((c) => [c, eb.ref(`excluded.${c}` as never)])) as never
}

async function writeVersions(db: Db, trx: Q, rows: VersionRow[]): Promise<void> {
  for (const chunk of chunks(rows, ROWS_PER_STATEMENT)) {
    await trx
      .insertInto('paper_versions')
      .columns(VERSION_COLUMNS)
      .expression(jsonRows(db, 'paper_versions', VERSION_COLUMNS, chunk))
      .onConflict((oc) => oc.columns(['paper_id', 'version']).doUpdateSet((eb) => excludedColumns(eb, VERSION_COLUMNS.slice(2))))
      .execute()
  }
}

function featuredRow(paperId: string, f: Featuring): FeaturedRow {
  return {
    paper_id: paperId,
    featured_on: f.featuredOn,
    source: f.source,
    position: f.position,
    submitted_by: f.submittedBy?.name ?? null,
    submitter: f.submittedBy ? JSON.stringify(f.submittedBy) : null,
    submitted_at: f.submittedAt,
  }
}

function sameFeatured(a: FeaturedRow | undefined, b: FeaturedRow): boolean {
  return (
    !!a &&
    a.source === b.source &&
    a.position === b.position &&
    a.submitted_by === b.submitted_by &&
    a.submitter === b.submitter &&
    a.submitted_at === b.submitted_at
  )
}

function setFeatured(featured: Map<string, Map<string, FeaturedRow>>, row: FeaturedRow): void {
  const days = featured.get(row.paper_id) ?? new Map<string, FeaturedRow>()
  days.set(row.featured_on, row)
  featured.set(row.paper_id, days)
}

function latestFeaturedAt(days: Map<string, FeaturedRow> | undefined): string | null {
  let latest: string | null = null
  for (const f of days?.values() ?? []) if (!latest || f.submitted_at > latest) latest = f.submitted_at
  return latest
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/** Marks papers withdrawn (a source reported them deleted); unknown ids are ignored. */
export async function markWithdrawn(db: Db, ids: string[]): Promise<number> {
  let marked = 0
  for (const chunk of chunks(ids, IDS_PER_QUERY)) {
    const result = await db.kysely
      .updateTable('papers')
      .set({ withdrawn: 1, modified_at: new Date().toISOString() })
      .where('id', 'in', chunk)
      .where('withdrawn', '=', 0)
      .executeTakeFirst()
    marked += Number(result.numUpdatedRows)
  }
  if (marked > 0) noteCatalogWrite()
  return marked
}
