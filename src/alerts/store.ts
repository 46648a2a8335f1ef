import type { Db } from '../platform/db/connect.js'
import type { AlertCadence } from '../follows/schema.js'
import { chunks, chunksOf } from '../papers/write/chunks.js'
import type { AlertTables } from './schema.js'
import type { StoredAlert } from './stored-alert.js'

const tables = (db: Db) => db.kysely.withTables<AlertTables>()

// Rows per INSERT: well under SQLite's and PostgreSQL's limits on bound parameters (7 columns each).
const ROWS_PER_INSERT = 500

/** Where the cadence's last batch ended: the next one starts there. */
export async function lastBatchEnd(db: Db, cadence: Exclude<AlertCadence, 'off'>): Promise<string | null> {
  const row = await tables(db)
    .selectFrom('alert_batches')
    .select((eb) => eb.fn.max('until').as('until'))
    .where('cadence', '=', cadence)
    .executeTakeFirst()
  return row?.until ?? null
}

/** A batch of the cadence that was started and not finished (its run stopped): the next run makes it again. */
export async function unfinishedBatch(db: Db, cadence: Exclude<AlertCadence, 'off'>) {
  const row = await tables(db)
    .selectFrom('alert_batches')
    .select(['key', 'since', 'until'])
    .where('cadence', '=', cadence)
    .where('finished_at', 'is', null)
    .orderBy('until')
    .executeTakeFirst()
  return row ? { ...row, open: true } : null
}

/**
 * Records a batch as begun. False when it exists already (a second run of the same day's batch,
 * or another instance that began the same next batch at once: its place in the chain is taken).
 */
export async function startBatch(
  db: Db,
  b: { key: string; cadence: Exclude<AlertCadence, 'off'>; since: string; until: string; now: string },
): Promise<boolean> {
  const inserted = await tables(db)
    .insertInto('alert_batches')
    .values({ key: b.key, cadence: b.cadence, since: b.since, until: b.until, alerts: 0, created_at: b.now })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst()
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0
}

export async function finishBatch(db: Db, key: string, alerts: number): Promise<void> {
  await tables(db)
    .updateTable('alert_batches')
    .set({ alerts, finished_at: new Date().toISOString() })
    .where('key', '=', key)
    .execute()
}

export interface SentPaper {
  followId: number
  paperId: string
  version: number | null
  withdrawn: boolean
}

/** What was alerted before about these papers, by any follow. */
export async function sentAbout(db: Db, paperIds: readonly string[]): Promise<SentPaper[]> {
  const out: SentPaper[] = []
  for (const ids of chunks([...paperIds], ROWS_PER_INSERT)) {
    const rows = await tables(db)
      .selectFrom('alert_sent_papers')
      .select(['follow_id', 'paper_id', 'version', 'withdrawn'])
      .where('paper_id', 'in', ids)
      .execute()
    for (const r of rows)
      out.push({ followId: r.follow_id, paperId: r.paper_id, version: r.version, withdrawn: r.withdrawn === 1 })
  }
  return out
}

/**
 * Writes some of a batch's alerts in one transaction: their queued emails and the papers now
 * alerted about, read from `sent` a statement's rows at a time. An email already queued for a
 * follow in this batch (a run made again) stays.
 */
export async function writeAlerts(
  db: Db,
  batch: string,
  emails: StoredAlert[],
  sent: Iterable<SentPaper>,
  now: string,
): Promise<void> {
  await tables(db)
    .transaction()
    .execute(async (trx) => {
      for (const rows of chunks(emails, ROWS_PER_INSERT)) {
        await trx
          .insertInto('alert_outbox')
          .values(
            rows.map((e) => ({
              follow_id: e.followId,
              user_id: e.userId,
              batch,
              status: 'queued' as const,
              attempts: 0,
              alert: JSON.stringify(e),
              created_at: now,
            })),
          )
          .onConflict((oc) => oc.columns(['follow_id', 'batch']).doNothing())
          .execute()
      }
      for (const rows of chunksOf(sent, ROWS_PER_INSERT)) {
        await trx
          .insertInto('alert_sent_papers')
          .values(
            rows.map((s) => ({
              follow_id: s.followId,
              paper_id: s.paperId,
              version: s.version,
              withdrawn: s.withdrawn ? 1 : 0,
              sent_at: now,
            })),
          )
          .onConflict((oc) =>
            oc.columns(['follow_id', 'paper_id']).doUpdateSet((eb) => ({
              version: eb.ref('excluded.version'),
              withdrawn: eb.ref('excluded.withdrawn'),
              sent_at: eb.ref('excluded.sent_at'),
            })),
          )
          .execute()
      }
    })
}

/** Per batch, newest first, how many alert emails are in each state. */
export async function batchStatus(db: Db, limit: number) {
  const batches = await tables(db)
    .selectFrom('alert_batches')
    .selectAll()
    .orderBy('until', 'desc')
    .limit(limit)
    .execute()
  const counts = await tables(db)
    .selectFrom('alert_outbox')
    .select(['batch', 'status', (eb) => eb.fn.countAll<number>().as('count')])
    .where('batch', 'in', batches.map((b) => b.key).concat(['']))
    .groupBy(['batch', 'status'])
    .execute()
  return batches.map((b) => ({
    key: b.key,
    since: b.since,
    until: b.until,
    alerts: b.alerts,
    counts: Object.fromEntries(counts.filter((c) => c.batch === b.key).map((c) => [c.status, Number(c.count)])),
  }))
}
