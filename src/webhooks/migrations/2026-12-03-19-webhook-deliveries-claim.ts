import type { Kysely } from 'kysely'

/**
 * The deliveries are claimed as the other leased outboxes are (platform/jobs/leased-outbox.ts:
 * the head of each status's `(status, id)` range), so their index is on `(status, id)`.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('webhook_deliveries_by_status').execute()
  await db.schema
    .createIndex('webhook_deliveries_by_status')
    .on('webhook_deliveries')
    .columns(['status', 'id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('webhook_deliveries_by_status').execute()
  await db.schema
    .createIndex('webhook_deliveries_by_status')
    .on('webhook_deliveries')
    .columns(['status', 'next_attempt_at'])
    .execute()
}
