import type { Kysely } from 'kysely'

// Local activity beside the imported figures (docs/decisions/0020-votes-and-trending.md).
// `upvotes` and `num_comments` stay what every page, sort and API reads: the shown counts. Each is
// now the sum of two columns with one writer each, so that a re-import never erases local votes
// and a local vote never inflates the imported figure: `imported_*` is the latest Hugging Face
// observation (written only by the import), `local_*` the votes and comments cast here (written
// only by papers/activity.ts).
export async function up(db: Kysely<any>): Promise<void> {
  for (const column of ['imported_upvotes', 'imported_comments', 'local_upvotes', 'local_comments']) {
    await db.schema
      .alterTable('papers')
      .addColumn(column, 'integer', (c) => c.notNull().defaultTo(0))
      .execute()
  }
  // Until now every count was imported.
  await db
    .updateTable('papers')
    .set((eb) => ({ imported_upvotes: eb.ref('upvotes'), imported_comments: eb.ref('num_comments') }))
    .execute()
}
