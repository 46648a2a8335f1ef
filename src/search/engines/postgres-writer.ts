import { sql } from 'kysely'
import type { BulkSession } from '../../platform/db/bulk-session.js'
import { categoryKeys, documentLiteral, textArrayLiteral } from './postgres-document.js'
import type { DocumentTable, SearchTables } from './postgres-schema.js'

// Papers read back and written per statement: a bulk import hands in batches of thousands.
const PAPERS_PER_STATEMENT = 5_000
const COLUMNS = ['paper_id', 'document', 'published_at', 'categories', 'has_code'] as const

/**
 * Writes the index rows of these papers in the catalog write's session: their text is read back
 * as the transaction stored it, tokenized here (normalize.ts is our code, not PostgreSQL's), COPYed
 * into the session's staging table and merged in one statement per batch. A paper not in the
 * catalog has no row to write; a deleted paper's row goes with it (ON DELETE CASCADE), and a hidden
 * paper's row is deleted.
 */
export function writePostgresIndex(s: BulkSession, ids: readonly string[]): Promise<void> {
  return writeDocuments(s, 'search_documents', ids)
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
 * The papers' index rows, each tokenized as the COPY stream asks for it: the server parses and
 * stores one chunk while the next is tokenized, where tokenizing them all first left it idle for
 * that time (docs/decisions/0016-search.md).
 */
function* documentRows(papers: Awaited<ReturnType<typeof readPapers>>) {
  for (const p of papers)
    yield {
      paper_id: p.id,
      document: documentLiteral({ title: p.title, authors: p.authors, abstract: p.abstract }),
      published_at: p.published_at,
      categories: textArrayLiteral(categoryKeys(p.categories)),
      has_code: p.github_repo ? 'true' : 'false',
    }
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
