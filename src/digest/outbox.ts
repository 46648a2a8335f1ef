import { sql } from 'kysely'
import { runEachOnSqlite } from '../platform/db/bulk-session.js'
import type { Db } from '../platform/db/connect.js'
import { claimableAt, claimableIds } from '../platform/jobs/leased-outbox.js'
import type { Frequency } from './compose.js'
import type { DigestTables, OutboxStatus } from './schema.js'

const tables = (db: Db) => db.kysely.withTables<DigestTables>()

/** A digest claimed for sending, with what its subscriber chose. */
export interface ClaimedDigest {
  id: number
  subscriptionId: number
  attempts: number
}

/**
 * Queues the period's digest for every active, unpaused subscriber of `frequency` (daily ones that
 * want weekdays only are left out on weekends by the caller's `weekend` flag), in one statement; a
 * subscriber queued already for the period is left as it is, so running it twice queues nobody twice.
 */
export async function enqueueDigests(
  db: Db,
  frequency: Frequency,
  period: string,
  weekend: boolean,
  now: string,
): Promise<number> {
  const kysely = tables(db)
  const result = await kysely
    .insertInto('digest_outbox')
    .columns(['subscription_id', 'period', 'status', 'attempts', 'papers', 'created_at'])
    .expression(
      kysely
        .selectFrom('subscriptions')
        .select((eb) => [
          'id',
          eb.val(period).as('period'),
          eb.val('queued').as('status'),
          eb.val(0).as('attempts'),
          eb.val(0).as('papers'),
          eb.val(now).as('created_at'),
        ])
        .where('status', '=', 'active')
        .where('paused', '=', 0)
        .where('frequency', '=', frequency)
        .$if(weekend, (q) => q.where('every_day', '=', 1)),
    )
    .onConflict((oc) => oc.columns(['subscription_id', 'period']).doNothing())
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0)
}

/**
 * Claims up to `n` digests to send: queued ones whose retry time has come (with ids above `after`, the
 * sender's cursor), and ones whose sender's lease ran out (it crashed or was stopped) — so a restarted
 * sender resumes where the last stopped.
 */
export async function claimDigests(
  db: Db,
  n: number,
  now: string,
  leaseUntil: string,
  after = 0,
): Promise<ClaimedDigest[]> {
  const kysely = tables(db)
  const rows = await kysely
    .updateTable('digest_outbox')
    .set((eb) => ({ status: 'sending', lease_until: leaseUntil, attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', claimableIds('digest_outbox', n, now, after))
    .where(claimableAt(now))
    .returning(['id', 'subscription_id', 'attempts'])
    .execute()
  return rows.map((r) => ({ id: r.id, subscriptionId: r.subscription_id, attempts: r.attempts }))
}

/** A digest the mail server accepted: its row, its subscriber, the papers it carried. */
export interface SentDigest {
  id: number
  subscriptionId: number
  paperIds: string[]
  messageId: string
}

/**
 * Marks digests sent and remembers their papers for their subscribers, in one transaction: the sender
 * marks each window of messages it sent together, so one commit serves many messages.
 */
export async function markSent(db: Db, sent: SentDigest[], now: string): Promise<void> {
  if (sent.length === 0) return
  // These messages are out: a transaction that SQLite refused because the other sender held the file
  // past busy_timeout (seen under a load of 13 on 2 cores) rolled back and is tried again, rather than
  // leaving the window to be sent twice when its lease runs out.
  for (let attempt = 1; ; attempt++) {
    try {
      return await writeSent(db, sent, now)
    } catch (error) {
      const code = (error as { code?: unknown }).code
      if (attempt >= BUSY_ATTEMPTS || typeof code !== 'string' || !code.startsWith('SQLITE_BUSY')) throw error
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt))
    }
  }
}

const BUSY_ATTEMPTS = 5

async function writeSent(db: Db, sent: SentDigest[], now: string): Promise<void> {
  await tables(db)
    .transaction()
    .execute(async (trx) => {
      for (const s of sent) {
        await trx
          .updateTable('digest_outbox')
          .set({
            status: 'sent',
            sent_at: now,
            message_id: s.messageId,
            papers: s.paperIds.length,
            lease_until: null,
            last_error: null,
          })
          .where('id', '=', s.id)
          .execute()
      }
      const papers = sent.flatMap((s) =>
        s.paperIds.map((paper_id) => ({ subscription_id: s.subscriptionId, paper_id, sent_at: now })),
      )
      const insert = (rows: typeof papers) =>
        trx
          .insertInto('digest_sent_papers')
          .values(rows)
          .onConflict((oc) => oc.columns(['subscription_id', 'paper_id']).doNothing())
      // SQLite: one single-row statement bound row by row, its cheapest way in (decision 0002): a
      // window's multi-row insert had SQL of its own for each count of rows (5 to 480), so SQLite
      // prepared one of up to 1,440 parameters for nearly every window (~0.6 ms) and the statement
      // cache kept them (~100 KB each, outside the JS heap: 26 MB for 256 of 200–455 rows).
      const rows = papers.map((p) => [p.subscription_id, p.paper_id, p.sent_at])
      if (runEachOnSqlite(trx, insert(papers.slice(0, 1)), rows)) return
      for (let i = 0; i < papers.length; i += PAPER_ROWS_PER_INSERT)
        await insert(papers.slice(i, i + PAPER_ROWS_PER_INSERT)).execute()
    })
}

// Three parameters a row, well under PostgreSQL's 65,535 a statement.
const PAPER_ROWS_PER_INSERT = 1000

/** Ends a digest without sending it (`skipped`: nothing to send or no longer subscribed; `failed`). */
export async function markDone(
  db: Db,
  id: number,
  status: Extract<OutboxStatus, 'skipped' | 'failed'>,
  error: string | null,
): Promise<void> {
  await tables(db)
    .updateTable('digest_outbox')
    .set({ status, lease_until: null, last_error: error })
    .where('id', '=', id)
    .execute()
}

/** Puts a digest back in the queue after a transient failure, to be tried again at `at`. */
export async function markRetry(db: Db, id: number, at: string, error: string): Promise<void> {
  await tables(db)
    .updateTable('digest_outbox')
    .set({ status: 'queued', lease_until: null, next_attempt_at: at, last_error: error.slice(0, 500) })
    .where('id', '=', id)
    .execute()
}

/** The papers each of these subscribers was ever sent. */
export async function sentPaperIds(db: Db, subscriptionIds: number[]): Promise<Map<number, Set<string>>> {
  const out = new Map<number, Set<string>>(subscriptionIds.map((id) => [id, new Set()]))
  if (subscriptionIds.length === 0) return out
  const rows = await tables(db)
    .selectFrom('digest_sent_papers')
    .select(['subscription_id', 'paper_id'])
    .where('subscription_id', 'in', subscriptionIds)
    .execute()
  for (const r of rows) out.get(r.subscription_id)?.add(r.paper_id)
  return out
}

/** Counts a permanent rejection; past `limit` of them the subscription is marked bounced. */
export async function countBounce(db: Db, subscriptionId: number, limit: number, now: string): Promise<void> {
  await tables(db)
    .updateTable('subscriptions')
    .set((eb) => ({
      bounces: eb('bounces', '+', 1),
      status: sql<'bounced' | 'active'>`case when bounces + 1 >= ${limit} then 'bounced' else status end`,
      updated_at: now,
    }))
    .where('id', '=', subscriptionId)
    .execute()
}

/** Per period, how many digests are queued, being sent, sent, skipped and failed. */
export async function outboxStatus(db: Db): Promise<{ period: string; status: OutboxStatus; count: number }[]> {
  const rows = await tables(db)
    .selectFrom('digest_outbox')
    .select(['period', 'status', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy(['period', 'status'])
    .orderBy('period', 'desc')
    .execute()
  return rows.map((r) => ({ period: r.period, status: r.status, count: Number(r.count) }))
}
