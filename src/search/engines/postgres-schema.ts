import { type Kysely, sql } from 'kysely'

/**
 * PostgreSQL's search tables, as Kysely sees them (`db.kysely.withTables<SearchTables>()`): they
 * belong to the search feature, not to the catalog's schema.
 */
/** One row per paper: its weighted tsvector and what filters read, so a filter needs no join. */
interface DocumentsTable {
  paper_id: string
  document: string
  published_at: string | null
  /** Lowercased categories and their archives (postgres-document.ts categoryKeys). */
  categories: string[]
  has_code: boolean
  /** Rises with every write of the row: what changed after a candidate list was built. */
  indexed_seq: number
}

export type SearchTables = {
  search_documents: DocumentsTable
  /** The table a rebuild fills, then puts in place of search_documents (postgres-rebuild.ts). */
  search_documents_next: DocumentsTable
  /** A frequent query atom's best papers by ts_rank, built once, re-ranked per search. */
  search_candidates: {
    atom: string
    paper_ids: string[]
    /** Their ts_rank for the atom, in the same order. */
    ranks: number[]
    /** The highest indexed_seq when the list was built: later rows are searched apart. */
    built_seq: string | number
  }
}

export type DocumentTable = 'search_documents' | 'search_documents_next'

/** The index's tables, created by the search feature's migration. */
export async function createPostgresIndex(db: Kysely<any>): Promise<void> {
  await sql`create sequence search_documents_seq`.execute(db)
  await createDocumentsTable(db, 'search_documents')
  await indexDocumentsTable(db, 'search_documents')
  await paperReference('search_documents').execute(db)
  await db.schema
    .createTable('search_candidates')
    .addColumn('atom', 'text', (c) => c.primaryKey())
    .addColumn('paper_ids', sql`text[]`, (c) => c.notNull())
    .addColumn('ranks', sql`real[]`, (c) => c.notNull())
    .addColumn('built_seq', 'bigint', (c) => c.notNull())
    .execute()
}

/** The documents table, without its secondary indexes (a rebuild creates them once it is full). */
export async function createDocumentsTable(db: Kysely<any>, table: DocumentTable): Promise<void> {
  await db.schema
    .createTable(table)
    .addColumn('paper_id', 'text', (c) => c.primaryKey())
    .addColumn('document', sql`tsvector`, (c) => c.notNull())
    .addColumn('published_at', 'timestamptz')
    .addColumn('categories', sql`text[]`, (c) => c.notNull())
    .addColumn('has_code', 'boolean', (c) => c.notNull())
    // Nullable: the writer's COPY staging table is `like` this one and gets its value from the default.
    .addColumn('indexed_seq', 'bigint', (c) => c.defaultTo(sql`nextval('search_documents_seq')`))
    .execute()
  // The statistics of the most common lexemes are what the planner, and so the engine, estimates
  // match counts with; the default target keeps only ~1,000 of them.
  await sql`alter table ${sql.table(table)} alter column document set statistics 1000`.execute(db)
  // lz4 rather than PostgreSQL's default pglz: most documents are over TOAST's 2 KB and get
  // compressed on every write and decompressed by every GIN build, ANALYZE and ranked search
  // (docs/decisions/0016-search.md, "lz4"). A server built without lz4 keeps pglz rather than fail.
  if (await hasLz4(db)) {
    await sql`alter table ${sql.table(table)} alter column document set compression lz4`.execute(db)
  }
}

/** Whether this server can compress with lz4 (PostgreSQL 14 or later, built with it). */
async function hasLz4(db: Kysely<any>): Promise<boolean> {
  const { rows } = await sql<{ lz4: boolean }>`select 'lz4' = any(enumvals) as lz4 from pg_settings
    where name = 'default_toast_compression'`.execute(db)
  return rows[0]?.lz4 === true
}

/**
 * The secondary indexes, named with a suffix while the table is a rebuild's successor
 * (postgres-rebuild.ts renames them when it takes the old table's place).
 */
export async function indexDocumentsTable(db: Kysely<any>, table: DocumentTable, suffix = ''): Promise<void> {
  for (const index of documentIndexes(table, suffix)) await index.execute(db)
}

/**
 * The statements creating the secondary indexes, the documents' GIN first: by far the longest to
 * build, which a rebuild runs on a connection of its own while another builds the rest.
 */
export function documentIndexes(table: DocumentTable, suffix = '') {
  const t = sql.table(table)
  const name = (index: string) => sql.id(`search_documents_${index}${suffix}`)
  return [
    sql`create index ${name('document')} on ${t} using gin (document)`,
    sql`create index ${name('categories')} on ${t} using gin (categories)`,
    // In the order a newest-first page reads it (postgres-queries.ts orderedMatches).
    sql`create index ${name('published')} on ${t} (published_at desc nulls last, paper_id)`,
    sql`create index ${name('seq_idx')} on ${t} (indexed_seq)`,
  ] as const
}

/** The names indexDocumentsTable gives, to rename them. */
export const DOCUMENT_INDEXES = ['document', 'categories', 'published', 'seq_idx'] as const

/** A paper's document goes with the paper. */
export function paperReference(table: DocumentTable) {
  return sql`alter table ${sql.table(table)} add constraint search_documents_paper foreign key (paper_id) references papers (id) on delete cascade`
}
