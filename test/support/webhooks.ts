import type { Alert, AlertPaper } from '../../src/follows/alert.js'
import type { FollowTables } from '../../src/follows/schema.js'
import type { Db } from '../../src/platform/db/connect.js'
import type { WebhookTables } from '../../src/webhooks/schema.js'
import { createWebhook, recordLastDelivery } from '../../src/webhooks/store.js'

/** A follow of `userId`, made straight in its table (the follows feature has its own tests). */
export async function aFollow(db: Db, userId: number, target: string): Promise<number> {
  const now = new Date().toISOString()
  const row = await db.kysely
    .withTables<FollowTables>()
    .insertInto('follows')
    .values({
      user_id: userId,
      kind: 'category',
      target,
      label: target,
      alert: 'instant',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

export const alertPaper = (i: number, over: Partial<AlertPaper> = {}): AlertPaper => ({
  id: `2612.${String(i).padStart(5, '0')}`,
  title: `Paper ${i} on sparse attention`,
  authors: ['Ada Lovelace', 'Grace Hopper'],
  summary: 'We study things.',
  url: `https://papers.example.org/papers/2612.${String(i).padStart(5, '0')}`,
  arxivUrl: `https://arxiv.org/abs/2612.${String(i).padStart(5, '0')}`,
  why: 'category cs.LG',
  ...over,
})

/** An alert for `followId` of `userId` with `n` papers, in batch `batch`. */
export const anAlert = (userId: number, followId: number, batch: string, n = 1): Alert => ({
  followId,
  userId,
  kind: 'category',
  label: 'cs.LG',
  cadence: 'instant',
  followUrl: 'https://papers.example.org/following',
  batch,
  papers: Array.from({ length: n }, (_, i) => alertPaper(i + 1)),
})

/**
 * What the checked settings page shows (checked-pages.ts): a follow, a webhook that delivered, a
 * Matrix one retrying, and one the site turned off, with its banner.
 */
export async function seedWebhooks(db: Db, userId: number): Promise<void> {
  const now = new Date().toISOString()
  const followId = await aFollow(db, userId, 'cs.LG')
  await aFollow(db, userId, 'stat.ML')
  const base = { matrixRoom: null, matrixToken: null, secret: 'whsec_checked' }
  const ok = await createWebhook(
    db,
    userId,
    { ...base, kind: 'slack', url: 'https://hooks.slack.com/services/T0/B0/x', followIds: [] },
    now,
  )
  await recordLastDelivery(db, ok, 'delivered', null, now)
  const matrix = await createWebhook(
    db,
    userId,
    {
      ...base,
      kind: 'matrix',
      url: 'https://matrix.example.org',
      matrixRoom: '!room:example.org',
      matrixToken: 't',
      followIds: [followId],
    },
    now,
  )
  await recordLastDelivery(db, matrix, 'retrying', 'HTTP 502: Bad Gateway', now)
  const off = await createWebhook(
    db,
    userId,
    { ...base, kind: 'json', url: 'https://lab.example.org/hooks/paperboy', followIds: [] },
    now,
  )
  await recordLastDelivery(db, off, 'failed', 'HTTP 410: Gone', now)
  await db.kysely
    .withTables<WebhookTables>()
    .updateTable('webhooks')
    .set({ enabled: 0, disabled_reason: '5 deliveries in a row failed; the last: HTTP 410: Gone' })
    .where('id', '=', off)
    .execute()
}

/** Every delivery of a webhook, newest first. */
export async function deliveriesOf(db: Db, webhookId: number) {
  return db.kysely
    .withTables<WebhookTables>()
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('webhook_id', '=', webhookId)
    .orderBy('id', 'desc')
    .execute()
}
