import { type Kysely, PostgresAdapter, sql } from 'kysely'

// The bundled demo set, marked so it can step aside for real data (docs/decisions/0014-demo-set.md).
// `demo_papers` lists the papers the demo brought into the catalog; it has no foreign key because
// the demo records its papers before it writes them. `demo_removal` remembers (in its one row)
// that the demo was removed, so `serve` never loads it again into a catalog that is empty then.
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter
  const ts = sql.raw(pg ? 'timestamptz' : 'text')

  await db.schema
    .createTable('demo_papers')
    .addColumn('paper_id', 'text', (c) => c.primaryKey())
    .execute()
  await db.schema
    .createTable('demo_removal')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('removed_at', ts, (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .execute()
  // Is the demo showing? asked on every write that features papers, so it must not scan `featured`.
  await db.schema
    .createIndex('featured_demo')
    .on('featured')
    .column('paper_id')
    .where(sql.ref('source'), '=', sql.lit('demo'))
    .execute()

  // Installs from before this migration: the papers featured only by the demo are the demo's.
  await db
    .insertInto('demo_papers')
    .columns(['paper_id'])
    .expression(
      db
        .selectFrom('featured as f')
        .select('f.paper_id')
        .distinct()
        .where('f.source', '=', 'demo')
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('featured as other')
                .select('other.paper_id')
                .whereRef('other.paper_id', '=', 'f.paper_id')
                .where('other.source', '<>', 'demo'),
            ),
          ),
        ),
    )
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('featured_demo').execute()
  for (const table of ['demo_removal', 'demo_papers']) await db.schema.dropTable(table).execute()
}
