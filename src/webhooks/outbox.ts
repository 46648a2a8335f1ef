import { randomUUID } from 'node:crypto'
import type { ExpressionBuilder } from 'kysely'
import type { Alert } from '../follows/alert.js'
import type { Db } from '../platform/db/connect.js'
import { claimableAt, claimableIds } from '../platform/jobs/leased-outbox.js'
import type { Database } from '../platform/db/schema.js'
import type { WebhookTables } from './schema.js'

const tables = (db: Db) => db.kysely.withTables<WebhookTables>()

/** A delivery claimed for sending. */
export interface ClaimedDelivery {
  id: number
  deliveryId: string
  webhookId: number
  alert: Alert
  /** This attempt's number (1 for the first). */
  attempts: number
}

/**
 * Queues `alert` for each enabled webhook of its member that applies to its follow (all follows, or
 * this one chosen), once per (webhook, batch, follow): queuing the same batch again adds nothing.
 */
export async function enqueueDeliveries(db: Db, alert: Alert, now: string): Promise<number> {
  const kysely = tables(db)
  const hooks = await kysely
    .selectFrom('webhooks')
    .select('id')
    .where('user_id', '=', alert.userId)
    .where('enabled', '=', 1)
    .where((eb) =>
      eb.or([
        eb('all_follows', '=', 1),
        eb('id', 'in', eb.selectFrom('webhook_follows').select('webhook_id').where('follow_id', '=', alert.followId)),
      ]),
    )
    .execute()
  if (hooks.length === 0) return 0
  const payload = JSON.stringify(alert)
  const result = await kysely
    .insertInto('webhook_deliveries')
    .values(
      hooks.map((h) => ({
        delivery_id: randomUUID(),
        webhook_id: h.id,
        follow_id: alert.followId,
        batch: alert.batch,
        alert: payload,
        status: 'queued' as const,
        attempts: 0,
        created_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(['webhook_id', 'batch', 'follow_id']).doNothing())
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0)
}

/** Bound parameters per statement, well under SQLite's and PostgreSQL's limits. */
const IDS_PER_QUERY = 1000

/** Which of `userIds` have an enabled webhook. */
export async function membersWithWebhooks(db: Db, userIds: readonly number[]): Promise<Set<number>> {
  const found = new Set<number>()
  for (let i = 0; i < userIds.length; i += IDS_PER_QUERY) {
    const rows = await tables(db)
      .selectFrom('webhooks')
      .select('user_id')
      .distinct()
      .where('enabled', '=', 1)
      .where('user_id', 'in', userIds.slice(i, i + IDS_PER_QUERY))
      .execute()
    for (const r of rows) found.add(r.user_id)
  }
  return found
}

/**
 * Claims up to `n` deliveries that are due: queued ones whose retry time has come, and ones whose
 * worker's lease ran out (it crashed or was stopped mid-request), which go again with the same
 * delivery id. Another instance claiming at once gets other rows: only rows still claimable change.
 */
export async function claimDeliveries(db: Db, n: number, now: string, leaseUntil: string): Promise<ClaimedDelivery[]> {
  const kysely = tables(db)
  const claimable = claimableAt(now)
  const rows = await kysely
    .updateTable('webhook_deliveries')
    .set((eb) => ({ status: 'sending', lease_until: leaseUntil, attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', claimableIds('webhook_deliveries', n, now))
    .where(claimable)
    .returning(['id', 'delivery_id', 'webhook_id', 'alert', 'attempts'])
    .execute()
  return rows.map((r) => ({
    id: r.id,
    deliveryId: r.delivery_id,
    webhookId: r.webhook_id,
    alert: JSON.parse(r.alert) as Alert,
    attempts: r.attempts,
  }))
}

/**
 * The row as this claim left it: a worker whose lease lapsed (paused, or slower than the lease) must
 * not overwrite what the worker that took the row over has marked since. Each claim raises
 * `attempts`, so the count names the claim.
 */
const stillClaimed =
  (claim: ClaimedDelivery) => (eb: ExpressionBuilder<Database & WebhookTables, 'webhook_deliveries'>) =>
    eb.and([eb('id', '=', claim.id), eb('status', '=', 'sending'), eb('attempts', '=', claim.attempts)])

/** The delivery arrived: done, and its webhook's run of failures is over. */
export async function markDelivered(db: Db, claim: ClaimedDelivery, status: number, now: string): Promise<void> {
  await tables(db)
    .transaction()
    .execute(async (trx) => {
      const mine = await trx
        .updateTable('webhook_deliveries')
        .set({ status: 'delivered', delivered_at: now, last_status_code: status, last_error: null, lease_until: null })
        .where(stillClaimed(claim))
        .executeTakeFirst()
      if (Number(mine.numUpdatedRows) === 0) return
      await trx
        .updateTable('webhooks')
        .set({ consecutive_failures: 0, last_status: 'delivered', last_error: null, last_delivery_at: now })
        .where('id', '=', claim.webhookId)
        .execute()
    })
}

/** Back in the queue until `at`, after a failure that may pass. */
export async function markRetry(
  db: Db,
  claim: ClaimedDelivery,
  at: string,
  status: number | null,
  error: string,
  now: string,
): Promise<void> {
  await tables(db)
    .transaction()
    .execute(async (trx) => {
      const mine = await trx
        .updateTable('webhook_deliveries')
        .set({
          status: 'queued',
          lease_until: null,
          next_attempt_at: at,
          last_status_code: status,
          last_error: error.slice(0, 500),
        })
        .where(stillClaimed(claim))
        .executeTakeFirst()
      if (Number(mine.numUpdatedRows) === 0) return
      await trx
        .updateTable('webhooks')
        .set({ last_status: 'retrying', last_error: error.slice(0, 500), last_delivery_at: now })
        .where('id', '=', claim.webhookId)
        .execute()
    })
}

/**
 * The delivery failed for good: marked so, and counted against its webhook; the failure that makes
 * `limit` in a row turns the webhook off. Returns whether this call turned it off (only one caller
 * ever sees true, so the member is told once).
 */
export async function markFailed(
  db: Db,
  claim: ClaimedDelivery,
  status: number | null,
  error: string,
  limit: number,
  now: string,
): Promise<boolean> {
  return tables(db)
    .transaction()
    .execute(async (trx) => {
      const mine = await trx
        .updateTable('webhook_deliveries')
        .set({ status: 'failed', lease_until: null, last_status_code: status, last_error: error.slice(0, 500) })
        .where(stillClaimed(claim))
        .executeTakeFirst()
      if (Number(mine.numUpdatedRows) === 0) return false
      await trx
        .updateTable('webhooks')
        .set((eb) => ({
          consecutive_failures: eb('consecutive_failures', '+', 1),
          last_status: 'failed',
          last_error: error.slice(0, 500),
          last_delivery_at: now,
        }))
        .where('id', '=', claim.webhookId)
        .execute()
      const disabled = await trx
        .updateTable('webhooks')
        .set({
          enabled: 0,
          disabled_reason: `${limit} deliveries in a row failed; the last: ${error.slice(0, 300)}`,
          updated_at: now,
        })
        .where('id', '=', claim.webhookId)
        .where('enabled', '=', 1)
        .where('consecutive_failures', '>=', limit)
        .executeTakeFirst()
      return Number(disabled.numUpdatedRows) > 0
    })
}

/** Ends a delivery whose webhook is off or gone, without counting it against the webhook. */
export async function markDropped(db: Db, claim: ClaimedDelivery, why: string): Promise<void> {
  await tables(db)
    .updateTable('webhook_deliveries')
    .set({ status: 'failed', lease_until: null, last_error: why })
    .where(stillClaimed(claim))
    .execute()
}
