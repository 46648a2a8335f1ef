import type { Db } from '../platform/db/connect.js'
import type { WebhookTarget } from './request.js'
import type { WebhookKind, WebhookTables, WebhooksTable } from './schema.js'

const tables = (db: Db) => db.kysely.withTables<WebhookTables>()

/** A webhook as its member's settings page shows it (the secret and Matrix token never leave the store but to send). */
export interface Webhook {
  id: number
  userId: number
  kind: WebhookKind
  url: string
  matrixRoom: string | null
  allFollows: boolean
  /** The follows it applies to when not all. */
  followIds: number[]
  enabled: boolean
  disabledReason: string | null
  lastStatus: WebhooksTable['last_status']
  lastError: string | null
  lastDeliveryAt: string | null
  createdAt: string
}

export interface NewWebhook {
  kind: WebhookKind
  url: string
  matrixRoom: string | null
  matrixToken: string | null
  secret: string
  /** Empty: every follow. */
  followIds: number[]
}

type Row = Pick<
  WebhooksTable,
  'user_id' | 'kind' | 'url' | 'matrix_room' | 'all_follows' | 'enabled' | 'disabled_reason' | 'last_status'
> & { id: number; last_error: string | null; last_delivery_at: string | null; created_at: string }

const toWebhook = (r: Row, followIds: number[]): Webhook => ({
  id: r.id,
  userId: r.user_id,
  kind: r.kind,
  url: r.url,
  matrixRoom: r.matrix_room,
  allFollows: r.all_follows === 1,
  followIds,
  enabled: r.enabled === 1,
  disabledReason: r.disabled_reason,
  lastStatus: r.last_status,
  lastError: r.last_error,
  lastDeliveryAt: r.last_delivery_at === null ? null : new Date(r.last_delivery_at).toISOString(),
  createdAt: new Date(r.created_at).toISOString(),
})

const COLUMNS = [
  'id',
  'user_id',
  'kind',
  'url',
  'matrix_room',
  'all_follows',
  'enabled',
  'disabled_reason',
  'last_status',
  'last_error',
  'last_delivery_at',
  'created_at',
] as const

/** A member's webhooks, oldest first. */
export async function listWebhooks(db: Db, userId: number): Promise<Webhook[]> {
  const rows = await tables(db)
    .selectFrom('webhooks')
    .select(COLUMNS)
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute()
  if (rows.length === 0) return []
  const links = await tables(db)
    .selectFrom('webhook_follows')
    .select(['webhook_id', 'follow_id'])
    .where(
      'webhook_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('follow_id')
    .execute()
  return rows.map((r) =>
    toWebhook(
      r,
      links.filter((l) => l.webhook_id === r.id).map((l) => l.follow_id),
    ),
  )
}

/** One webhook of `userId`, or null when it is not theirs (or not at all). */
export async function findWebhook(db: Db, userId: number, id: number): Promise<Webhook | null> {
  return (await listWebhooks(db, userId)).find((w) => w.id === id) ?? null
}

/** What signing and sending need: the secret and Matrix token included. */
export async function webhookTarget(
  db: Db,
  id: number,
): Promise<(WebhookTarget & { userId: number; enabled: boolean }) | null> {
  const row = await tables(db)
    .selectFrom('webhooks')
    .select(['kind', 'url', 'matrix_room', 'matrix_token', 'secret', 'user_id', 'enabled'])
    .where('id', '=', id)
    .executeTakeFirst()
  if (!row) return null
  return {
    kind: row.kind,
    url: row.url,
    matrixRoom: row.matrix_room,
    matrixToken: row.matrix_token,
    secret: row.secret,
    userId: row.user_id,
    enabled: row.enabled === 1,
  }
}

export async function countWebhooks(db: Db, userId: number): Promise<number> {
  const row = await tables(db)
    .selectFrom('webhooks')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Adds a webhook and the follows it applies to, in one transaction. */
export async function createWebhook(db: Db, userId: number, hook: NewWebhook, now: string): Promise<number> {
  return tables(db)
    .transaction()
    .execute(async (trx) => {
      const { id } = await trx
        .insertInto('webhooks')
        .values({
          user_id: userId,
          kind: hook.kind,
          url: hook.url,
          matrix_room: hook.matrixRoom,
          matrix_token: hook.matrixToken,
          secret: hook.secret,
          all_follows: hook.followIds.length === 0 ? 1 : 0,
          enabled: 1,
          consecutive_failures: 0,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      if (hook.followIds.length > 0)
        await trx
          .insertInto('webhook_follows')
          .values(hook.followIds.map((follow_id) => ({ webhook_id: id, follow_id })))
          .execute()
      return id
    })
}

/** Deletes a webhook of `userId` with its queued deliveries; false when it was not theirs. */
export async function deleteWebhook(db: Db, userId: number, id: number): Promise<boolean> {
  const result = await tables(db)
    .deleteFrom('webhooks')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return Number(result.numDeletedRows) > 0
}

/** Turns a webhook on (forgetting its failures and why it was turned off) or off, by its member. */
export async function setWebhookEnabled(
  db: Db,
  userId: number,
  id: number,
  enabled: boolean,
  now: string,
): Promise<boolean> {
  const result = await tables(db)
    .updateTable('webhooks')
    .set({ enabled: enabled ? 1 : 0, disabled_reason: null, consecutive_failures: 0, updated_at: now })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

export async function setWebhookSecret(
  db: Db,
  userId: number,
  id: number,
  secret: string,
  now: string,
): Promise<boolean> {
  const result = await tables(db)
    .updateTable('webhooks')
    .set({ secret, updated_at: now })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

/** Points a webhook of `userId` at all their follows (`[]`) or at the chosen ones. */
export async function setWebhookFollows(
  db: Db,
  userId: number,
  id: number,
  followIds: number[],
  now: string,
): Promise<void> {
  await tables(db)
    .transaction()
    .execute(async (trx) => {
      const result = await trx
        .updateTable('webhooks')
        .set({ all_follows: followIds.length === 0 ? 1 : 0, updated_at: now })
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .executeTakeFirst()
      if (Number(result.numUpdatedRows) === 0) return
      await trx.deleteFrom('webhook_follows').where('webhook_id', '=', id).execute()
      if (followIds.length > 0)
        await trx
          .insertInto('webhook_follows')
          .values(followIds.map((follow_id) => ({ webhook_id: id, follow_id })))
          .execute()
    })
}

/** Remembers how the latest delivery (or test) went, for the settings page. */
export async function recordLastDelivery(
  db: Db,
  id: number,
  status: NonNullable<WebhooksTable['last_status']>,
  error: string | null,
  now: string,
): Promise<void> {
  await tables(db)
    .updateTable('webhooks')
    .set({ last_status: status, last_error: error?.slice(0, 500) ?? null, last_delivery_at: now })
    .where('id', '=', id)
    .execute()
}
