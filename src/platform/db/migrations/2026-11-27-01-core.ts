import { type Kysely, PostgresAdapter, sql } from 'kysely'

// Migrations take Kysely<any> and import no app code: they must keep working as the app changes.
// `ts` is text in SQLite (ISO-8601 UTC) and timestamptz in PostgreSQL; `day` is text or date.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const ts = pg ? 'timestamptz' : 'text'
  const day = pg ? 'date' : 'text'
  // SQLite keeps these tables in their primary-key order instead of beside a hidden rowid, which
  // saves an index and reads a paper's authors or days as one range.
  const clustered = pg ? sql`` : sql`without rowid`

  await db.schema
    .createTable('papers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('abstract', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('published_at', sql.raw(ts))
    .addColumn('updated_at', sql.raw(ts))
    .addColumn('categories', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('primary_category', 'text')
    .addColumn('comments', 'text')
    .addColumn('journal_ref', 'text')
    .addColumn('doi', 'text')
    .addColumn('license', 'text')
    .addColumn('github_repo', 'text')
    .addColumn('github_stars', 'integer')
    .addColumn('project_page', 'text')
    .addColumn('ai_summary', 'text')
    .addColumn('ai_keywords', 'text')
    .addColumn('thumbnail', 'text')
    .addColumn('organization', 'text')
    .addColumn('withdrawn', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('upvotes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('num_comments', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('trending_score', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('observed_at', sql.raw(ts))
    .addColumn('created_at', sql.raw(ts), (c) => c.notNull())
    .addColumn('modified_at', sql.raw(ts), (c) => c.notNull())
    .execute()
  await db.schema.createIndex('papers_published_at').on('papers').columns(['published_at', 'id']).execute()
  await db.schema.createIndex('papers_trending_score').on('papers').column('trending_score').execute()
  await db.schema.createIndex('papers_modified_at').on('papers').column('modified_at').execute()

  await db.schema
    .createTable('paper_authors')
    .addColumn('paper_id', 'text', (c) => c.notNull().references('papers.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('hidden', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('paper_authors_pk', ['paper_id', 'position'])
    .modifyEnd(clustered)
    .execute()

  await db.schema
    .createTable('featured')
    .addColumn('paper_id', 'text', (c) => c.notNull().references('papers.id').onDelete('cascade'))
    .addColumn('featured_on', sql.raw(day), (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('submitted_by', 'text')
    .addColumn('submitter', 'text')
    .addColumn('submitted_at', sql.raw(ts), (c) => c.notNull())
    .addPrimaryKeyConstraint('featured_pk', ['paper_id', 'featured_on'])
    .modifyEnd(clustered)
    .execute()
  await db.schema.createIndex('featured_on_day').on('featured').columns(['featured_on', 'paper_id']).execute()
  await db.schema.createIndex('featured_by_submitter').on('featured').columns(['submitted_by', 'featured_on']).execute()

  await db.schema
    .createTable('paper_versions')
    .addColumn('paper_id', 'text', (c) => c.notNull().references('papers.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', sql.raw(ts))
    .addColumn('title', 'text')
    .addPrimaryKeyConstraint('paper_versions_pk', ['paper_id', 'version'])
    .modifyEnd(clustered)
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['paper_versions', 'featured', 'paper_authors', 'papers']) {
    await db.schema.dropTable(table).execute()
  }
}
