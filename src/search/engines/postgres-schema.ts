import { type Kysely, sql } from 'kysely'

/**
 * PostgreSQL's search tables, as Kysely sees them (`db.kysely.withTables<SearchTables>()`): they
 * belong to the search feature, not to the catalog's schema.
 */
export type SearchTables = {
  /** One row per paper: its weighted tsvector and what filters read, so a filter needs no join. */
  search_documents: {
    paper_id: string
    document: string
    published_at: string | null
    /** Lowercased categories and their archives (postgres-document.ts categoryKeys). */
    categories: string[]
    has_code: boolean
    /** Rises with every write of the row: what changed after a candidate list was built. */
    indexed_seq: bigint | number | string
  }
  /** A frequent query atom's best papers by ts_rank, built once, re-ranked per search. */
  search_candidates: {
    atom: string
    paper_ids: string[]
    /** The highest indexed_seq when the list was built: later rows are searched apart. */
    built_seq: string | number
  }
}

/** The index's tables, created by the search feature's migration. */
export async function createPostgresIndex(db: Kysely<any>): Promise<void> {
  await sql`create sequence search_documents_seq`.execute(db)
  await db.schema
    .createTable('search_documents')
    .addColumn('paper_id', 'text', (c) => c.primaryKey().references('papers.id').onDelete('cascade'))
    .addColumn('document', sql`tsvector`, (c) => c.notNull())
    .addColumn('published_at', 'timestamptz')
    .addColumn('categories', sql`text[]`, (c) => c.notNull())
    .addColumn('has_code', 'boolean', (c) => c.notNull())
    // Nullable: the writer's COPY staging table is `like` this one and gets its value from the default.
    .addColumn('indexed_seq', 'bigint', (c) => c.defaultTo(sql`nextval('search_documents_seq')`))
    .execute()
  await sql`create index search_documents_document on search_documents using gin (document)`.execute(db)
  await sql`create index search_documents_categories on search_documents using gin (categories)`.execute(db)
  await db.schema.createIndex('search_documents_published').on('search_documents').column('published_at').execute()
  await db.schema.createIndex('search_documents_seq_idx').on('search_documents').column('indexed_seq').execute()
  // The statistics of the most common lexemes are what the planner, and so the engine, estimates
  // match counts with; the default target keeps only ~1,000 of them.
  await sql`alter table search_documents alter column document set statistics 1000`.execute(db)
  await db.schema
    .createTable('search_candidates')
    .addColumn('atom', 'text', (c) => c.primaryKey())
    .addColumn('paper_ids', sql`text[]`, (c) => c.notNull())
    .addColumn('built_seq', 'bigint', (c) => c.notNull())
    .execute()
}
