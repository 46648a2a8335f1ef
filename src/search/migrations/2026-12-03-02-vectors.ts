import { type Kysely, PostgresAdapter, sql } from 'kysely'

// Search by meaning: each paper's vector and the model that made them (search/vectors/).
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const ts = sql.raw(pg ? 'timestamptz' : 'text')
  const bytes = sql.raw(pg ? 'bytea' : 'blob')
  await db.schema
    .createTable('paper_vectors')
    .addColumn('paper_id', 'text', (c) => c.primaryKey().references('papers.id').onDelete('cascade'))
    .addColumn('vector', bytes, (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('vector_model')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('trained_at', ts, (c) => c.notNull())
    .addColumn('papers', 'integer', (c) => c.notNull())
    .addColumn('dims', 'integer', (c) => c.notNull())
    .addColumn('terms', 'text', (c) => c.notNull())
    .addColumn('idf', bytes, (c) => c.notNull())
    .addColumn('projection', bytes, (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['vector_model', 'paper_vectors']) await db.schema.dropTable(table).execute()
}
