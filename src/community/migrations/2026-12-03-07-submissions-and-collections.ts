import { type Kysely, PostgresAdapter, sql } from 'kysely'

// Submissions (who put which paper on the daily list), collections (named reading lists) and
// what a member chose to show on their profile.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const ts = sql.raw(pg ? 'timestamptz' : 'text')

  // One row per submitted paper: the unique paper_id makes "not already submitted" hold even
  // when two members submit the same paper at the same moment.
  await db.schema
    .createTable('submissions')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => c.primaryKey().$call((b) => (pg ? b : b.autoIncrement())))
    .addColumn('paper_id', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('submitted_at', ts, (c) => c.notNull())
    .execute()
  // The per-day limit counts a member's recent submissions; the profile lists them newest first.
  await db.schema.createIndex('submissions_by_user').on('submissions').columns(['user_id', 'submitted_at']).execute()

  await db.schema
    .createTable('collections')
    .addColumn('id', pg ? 'serial' : 'integer', (c) => c.primaryKey().$call((b) => (pg ? b : b.autoIncrement())))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_public', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('collections_by_user').on('collections').columns(['user_id', 'updated_at']).execute()

  await db.schema
    .createTable('collection_items')
    .addColumn('collection_id', 'integer', (c) => c.notNull().references('collections.id').onDelete('cascade'))
    .addColumn('paper_id', 'text', (c) => c.notNull())
    .addColumn('added_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('collection_items_pk', ['collection_id', 'paper_id'])
    .execute()
  // "Which of my collections hold this paper?" on every paper page a member opens.
  await db.schema.createIndex('collection_items_by_paper').on('collection_items').columns(['paper_id']).execute()

  await db.schema
    .createTable('profile_settings')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('upvotes_public', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['profile_settings', 'collection_items', 'collections', 'submissions'])
    await db.schema.dropTable(table).execute()
}
