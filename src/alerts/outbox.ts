import { sql } from 'kysely'
import type { Db } from '../platform/db/connect.js'
import { claimableAt, claimableIds } from '../platform/jobs/leased-outbox.js'
import type { AlertOutboxStatus, AlertTables } from './schema.js'
import type { StoredAlert } from './stored-alert.js'

const tables = (db: Db) => db.kysely.withTables<AlertTables>()

/** An alert email claimed for sending. */
export interface ClaimedAlert {
  id: number
  followId: number
  userId: number
  attempts: number
  alert: StoredAlert
}

/**
 * Claims up to `n` alert emails: queued ones whose retry time has come, and ones whose sender's
 * lease ran out (it crashed or was stopped), so a restarted sender resumes where the last stopped.
 * The digest's outbox claims the same way (src/digest/outbox.ts).
 */
export async function claimAlerts(db: Db, n: number, now: string, leaseUntil: string): Promise<ClaimedAlert[]> {
  const kysely = tables(db)
  const rows = await kysely
    .updateTable('alert_outbox')
    .set((eb) => ({ status: 'sending', lease_until: leaseUntil, attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', claimableIds('alert_outbox', n, now))
    .where(claimableAt(now))
    .returning(['id', 'follow_id', 'user_id', 'attempts', 'alert'])
    .execute()
  return rows.map((r) => ({
    id: r.id,
    followId: r.follow_id,
    userId: r.user_id,
    attempts: r.attempts,
    alert: JSON.parse(r.alert) as StoredAlert, // written by makeAlertBatch, never by a member
  }))
}

export async function markAlertSent(db: Db, id: number, messageId: string, now: string): Promise<void> {
  await tables(db)
    .updateTable('alert_outbox')
    .set({ status: 'sent', sent_at: now, message_id: messageId, lease_until: null, last_error: null })
    .where('id', '=', id)
    .execute()
}

/** Ends an alert email without sending it (`skipped`: email turned off, no address; `failed`). */
export async function markAlertDone(
  db: Db,
  id: number,
  status: Extract<AlertOutboxStatus, 'skipped' | 'failed'>,
  error: string | null,
): Promise<void> {
  await tables(db)
    .updateTable('alert_outbox')
    .set({ status, lease_until: null, last_error: error?.slice(0, 500) ?? null })
    .where('id', '=', id)
    .execute()
}

/** Puts an alert email back in the queue after a transient failure, to be tried again at `at`. */
export async function markAlertRetry(db: Db, id: number, at: string, error: string): Promise<void> {
  await tables(db)
    .updateTable('alert_outbox')
    .set({ status: 'queued', lease_until: null, next_attempt_at: at, last_error: error.slice(0, 500) })
    .where('id', '=', id)
    .execute()
}

/** A member's permanent rejections in a row. */
export async function bouncesOf(db: Db, userId: number): Promise<number> {
  const row = await tables(db)
    .selectFrom('alert_bounces')
    .select('bounces')
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return row?.bounces ?? 0
}

/** Counts a permanent rejection (5xx) of a member's address. */
export async function countAlertBounce(db: Db, userId: number, now: string): Promise<void> {
  await tables(db)
    .insertInto('alert_bounces')
    .values({ user_id: userId, bounces: 1, updated_at: now })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ bounces: sql`alert_bounces.bounces + 1`, updated_at: now }))
    .execute()
}

/** An accepted message proves the address again. */
export async function clearAlertBounces(db: Db, userId: number): Promise<void> {
  await tables(db).deleteFrom('alert_bounces').where('user_id', '=', userId).execute()
}
