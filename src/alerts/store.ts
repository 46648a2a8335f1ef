import type { Db } from '../platform/db/connect.js'
import type { AlertCadence } from '../follows/schema.js'
import { chunks } from '../papers/write/chunks.js'
import type { AlertTables } from './schema.js'

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

export async function hasBatch(db: Db, key: string): Promise<boolean> {
  const row = await tables(db).selectFrom('alert_batches').select('key').where('key', '=', key).executeTakeFirst()
  return row !== undefined
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

export interface BatchWrite {
  key: string
  cadence: Exclude<AlertCadence, 'off'>
  since: string
  until: string
  now: string
  /** One email per follow that sends them: the alert as JSON. */
  emails: { followId: number; userId: number; alert: string }[]
  sent: SentPaper[]
}

/**
 * Records a batch in one transaction: the batch, its queued emails, and the papers now alerted
 * about. False when the batch was made already (a second run, or another instance that made the
 * same next batch at once): nothing is written twice.
 */
export async function writeBatch(db: Db, b: BatchWrite): Promise<boolean> {
  return tables(db)
    .transaction()
    .execute(async (trx) => {
      const inserted = await trx
        .insertInto('alert_batches')
        .values({
          key: b.key,
          cadence: b.cadence,
          since: b.since,
          until: b.until,
          alerts: b.emails.length,
          created_at: b.now,
        })
        .onConflict((oc) => oc.doNothing()) // its key, or its place in the cadence's chain, is taken
        .executeTakeFirst()
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false
      for (const rows of chunks(b.emails, ROWS_PER_INSERT)) {
        await trx
          .insertInto('alert_outbox')
          .values(
            rows.map((e) => ({
              follow_id: e.followId,
              user_id: e.userId,
              batch: b.key,
              status: 'queued' as const,
              attempts: 0,
              alert: e.alert,
              created_at: b.now,
            })),
          )
          .onConflict((oc) => oc.columns(['follow_id', 'batch']).doNothing())
          .execute()
      }
      for (const rows of chunks(b.sent, ROWS_PER_INSERT)) {
        await trx
          .insertInto('alert_sent_papers')
          .values(
            rows.map((s) => ({
              follow_id: s.followId,
              paper_id: s.paperId,
              version: s.version,
              withdrawn: s.withdrawn ? 1 : 0,
              sent_at: b.now,
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
      return true
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
