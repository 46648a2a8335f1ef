import { sql } from 'kysely'
import type { PaperValues } from '../../papers/merge.js'
import type { BulkSession } from '../../platform/db/bulk-session.js'
import { BinaryRows } from '../../platform/db/copy-binary.js'
import { categoryKeys, type PreparedDocument, preparedFor, writeDocument } from './postgres-document.js'
import type { DocumentTable, SearchTables } from './postgres-schema.js'

// Papers read back and written per statement: a bulk import hands in batches of thousands.
const PAPERS_PER_STATEMENT = 5_000
const COLUMNS = ['paper_id', 'document', 'published_at', 'categories', 'has_code'] as const

/** A paper's row as a batch wrote it, or as read back: what its document is made of. */
type WrittenPaper = Pick<PaperValues, 'id' | 'title' | 'abstract' | 'published_at' | 'categories' | 'github_repo'>

type DocumentPaper = WrittenPaper & { authors: readonly string[] }

/** Papers new to the catalog as their batch wrote them, and the authors it wrote for them. */
export interface AddedPapers {
  rows: readonly (WrittenPaper & Pick<PaperValues, 'hidden_at'>)[]
  authors: ReadonlyMap<string, readonly string[]>
}

/**
 * Writes the index rows of these papers in the catalog write's session, tokenized here (normalize.ts
 * is our code, not PostgreSQL's). The papers new to the catalog (`added`, among `ids`) have no row
 * yet: theirs is built from what the batch wrote and COPYed straight in. The others' text is read
 * back as the transaction stored it, COPYed into the session's staging table and merged in one
 * statement per batch. A paper not in the catalog has no row to write; a deleted paper's row goes
 * with it (ON DELETE CASCADE), and a hidden paper's row is deleted. While a first load fills the
 * successor table (postgres-rebuild.ts), the rows go there. `prepared`: documents a bulk load's
 * parsing thread encoded ahead, by paper id (postgres-document.ts).
 */
export async function writePostgresIndex(
  s: BulkSession,
  ids: readonly string[],
  added: AddedPapers = { rows: [], authors: new Map() },
  prepared?: ReadonlyMap<string, PreparedDocument>,
): Promise<void> {
  const table: DocumentTable = intoSuccessor.has(s.kysely) ? 'search_documents_next' : 'search_documents'
  const shown = added.rows.filter((p) => !p.hidden_at).map((p) => ({ ...p, authors: added.authors.get(p.id) ?? [] }))
  // Should another writer have added one of them meanwhile, the key refuses the row, and the batch
  // is written again in halves (papers/upsert.ts), where the paper is no longer new.
  if (shown.length > 0) await s.copy(table, COLUMNS, documentRows(shown, prepared))
  const addedIds = new Set(added.rows.map((p) => p.id))
  await writeDocuments(
    s,
    table,
    ids.filter((id) => !addedIds.has(id)),
  )
}

// The databases (by their Kysely instance) whose batches write into the successor table.
const intoSuccessor = new WeakSet<object>()

/** Runs `work` with this database's index writes going to the successor table (postgres-rebuild.ts). */
export async function writingIntoSuccessor<T>(kysely: object, work: () => Promise<T>): Promise<T> {
  intoSuccessor.add(kysely)
  try {
    return await work()
  } finally {
    intoSuccessor.delete(kysely)
  }
}

/** Writes the documents of these papers into the index table or, during a rebuild, its successor. */
export async function writeDocuments(s: BulkSession, table: DocumentTable, ids: readonly string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += PAPERS_PER_STATEMENT) {
    const batch = ids.slice(i, i + PAPERS_PER_STATEMENT)
    const db = s.kysely.withTables<SearchTables>()
    // A paper an admin hid from the feed is not found either (papers/visibility.ts).
    await s.run(
      db
        .deleteFrom(table)
        .where('paper_id', '=', sql<string>`any(${batch}::text[])`)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('papers')
              .whereRef('papers.id', '=', `${table}.paper_id` as never)
              .where('papers.hidden_at', 'is not', null),
          ),
        ),
    )
    const papers = await readPapers(s, batch)
    if (papers.length === 0) continue
    const staged = await s.stage(table, COLUMNS, documentRows(papers))
    await s.run(
      db
        .insertInto(table)
        .columns(COLUMNS)
        .expression(staged as never)
        .onConflict((oc) =>
          oc.column('paper_id').doUpdateSet((eb) => ({
            document: eb.ref('excluded.document'),
            published_at: eb.ref('excluded.published_at'),
            categories: eb.ref('excluded.categories'),
            has_code: eb.ref('excluded.has_code'),
            indexed_seq: eb.ref('excluded.indexed_seq'),
          })),
        ),
    )
  }
}

/**
 * Fills a rebuild's successor table with the documents of these papers, none of them in it yet:
 * COPYed straight in, with neither a staging table nor a merge (a quarter of the fill's server CPU,
 * docs/decisions/0016-search.md).
 */
export async function fillDocuments(s: BulkSession, ids: readonly string[]): Promise<void> {
  const papers = await readPapers(s, ids)
  if (papers.length > 0) await s.copy('search_documents_next', COLUMNS, documentRows(papers))
}

/**
 * The papers' index rows in COPY's binary format, each tokenized as the COPY stream asks for it:
 * the server stores one chunk while the next is tokenized, where tokenizing them all first left it
 * idle for that time; and it reads a document's binary form in a third of the time its text takes
 * (docs/decisions/0016-search.md).
 */
function documentRows(
  papers: readonly DocumentPaper[],
  prepared?: ReadonlyMap<string, PreparedDocument>,
): BinaryRows<DocumentPaper> {
  return new BinaryRows(papers, (w, p) => {
    w.tuple(COLUMNS.length)
    w.text(p.id)
    const text = { title: p.title, authors: p.authors, abstract: p.abstract }
    const ahead = prepared?.get(p.id)
    if (preparedFor(ahead, text)) w.raw(ahead.bytes)
    else writeDocument(w, text)
    w.timestamptz(p.published_at)
    w.textArray(categoryKeys(p.categories))
    w.bool(!!p.github_repo)
  })
}

async function readPapers(s: BulkSession, ids: readonly string[]) {
  const papers = await s.run(
    s.kysely
      .selectFrom('papers')
      .select(['id', 'title', 'abstract', 'published_at', 'categories', 'github_repo'])
      .where('id', '=', sql<string>`any(${[...ids]}::text[])`)
      .where('hidden_at', 'is', null),
  )
  const authorRows = await s.run(
    s.kysely
      .selectFrom('paper_authors')
      .select(['paper_id', 'name'])
      .where('paper_id', '=', sql<string>`any(${[...ids]}::text[])`)
      // A name its author asked to take off the paper is not searched either, as on SQLite.
      .where('hidden', '=', 0)
      .orderBy('paper_id')
      .orderBy('position'),
  )
  const authors = new Map<string, string[]>()
  for (const row of authorRows) {
    const names = authors.get(row.paper_id)
    if (names) names.push(row.name)
    else authors.set(row.paper_id, [row.name])
  }
  return papers.map((p) => ({ ...p, authors: authors.get(p.id) ?? [] }))
}
