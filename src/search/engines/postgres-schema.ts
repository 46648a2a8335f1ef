import { randomBytes } from 'node:crypto'
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

/**
 * The documents table's partitions, by `paper_id` hash: PostgreSQL 15 builds a GIN index on one
 * core, and that build was most of a first load's finish (145 of 161 s at 1M papers); a rebuild
 * builds each partition's at once on a connection of its own (postgres-rebuild.ts), one a core on
 * the two cores Paperboy is sized for. Searches read both through the parent, and the engine's
 * statistics are the parent's, over both (postgres-stats.ts).
 */
export const DOCUMENT_PARTITIONS = 2

/**
 * The documents table, without its secondary indexes (a rebuild creates them once it is full),
 * partitioned in DOCUMENT_PARTITIONS. Its partitions' names are unique to this table (a random
 * part), so a successor's never meet the table it replaces and the swap renames only the parent.
 */
export async function createDocumentsTable(db: Kysely<any>, table: DocumentTable): Promise<void> {
  const t = sql.table(table)
  await db.schema
    .createTable(table)
    .addColumn('paper_id', 'text', (c) => c.primaryKey())
    .addColumn('document', sql`tsvector`, (c) => c.notNull())
    .addColumn('published_at', 'timestamptz')
    .addColumn('categories', sql`text[]`, (c) => c.notNull())
    .addColumn('has_code', 'boolean', (c) => c.notNull())
    // Nullable: the writer's COPY staging table is `like` this one and gets its value from the default.
    .addColumn('indexed_seq', 'bigint', (c) => c.defaultTo(sql`nextval('search_documents_seq')`))
    .modifyEnd(sql`partition by hash (paper_id)`)
    .execute()
  // lz4 rather than PostgreSQL's default pglz: most documents are over TOAST's 2 KB and get
  // compressed on every write and decompressed by every GIN build, ANALYZE and ranked search
  // (docs/decisions/0016-search.md, "lz4"). A server built without lz4 keeps pglz rather than fail.
  // Set before the partitions are made, which take it from the parent (an ALTER does not reach them).
  if (await hasLz4(db)) {
    await sql`alter table ${t} alter column document set compression lz4`.execute(db)
  }
  const part = randomBytes(4).toString('hex')
  for (let i = 0; i < DOCUMENT_PARTITIONS; i++) {
    await sql`create table ${sql.table(`search_documents_${part}_${i}`)} partition of ${t}
      for values with (modulus ${sql.lit(DOCUMENT_PARTITIONS)}, remainder ${sql.lit(i)})`.execute(db)
  }
  // The statistics of the most common lexemes are what the planner, and so the engine, estimates
  // match counts with; the default target keeps only ~1,000 of them. (This ALTER reaches the partitions.)
  await sql`alter table ${t} alter column document set statistics 1000`.execute(db)
}

/** The partitions of a documents table, in order. */
export async function partitionsOf(db: Kysely<any>, table: DocumentTable): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select c.relname as name from pg_inherits i
    join pg_class c on c.oid = i.inhrelid where i.inhparent = ${table}::regclass order by c.relname`.execute(db)
  return rows.map((r) => r.name)
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

/**
 * The documents' GIN index built a partition at a time, each partition's statement for a connection
 * of its own: the parent's index made first and empty (`on only`: not valid, and not used, until
 * every partition's is attached to it), then the partitions', then the attachments.
 */
export function documentIndexByPartition(table: DocumentTable, suffix: string, partitions: readonly string[]) {
  const name = sql.id(`search_documents_document${suffix}`)
  const own = (partition: string) => sql.id(`${partition}_document`)
  return {
    parent: sql`create index ${name} on only ${sql.table(table)} using gin (document)`,
    partitions: partitions.map((p) => sql`create index ${own(p)} on ${sql.table(p)} using gin (document)`),
    attach: partitions.map((p) => sql`alter index ${name} attach partition ${own(p)}`),
  }
}

/** The names indexDocumentsTable gives, to rename them. */
export const DOCUMENT_INDEXES = ['document', 'categories', 'published', 'seq_idx'] as const

/** A paper's document goes with the paper. */
export function paperReference(table: DocumentTable) {
  return sql`alter table ${sql.table(table)} add constraint search_documents_paper foreign key (paper_id) references papers (id) on delete cascade`
}
