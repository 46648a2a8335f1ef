import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import { Cron } from 'croner'
import type { Logger } from 'pino'
import type { PoliteClient } from '../ingest/polite-client.js'
import type { Db } from '../platform/db/connect.js'
import { acquireLease } from '../platform/jobs/lease.js'
import { fetchThumbnails } from './fetch-thumbnails.js'

// Every 20 minutes: a day's new papers get their thumbnails soon after an ingest run brings them.
const SCHEDULE = '*/20 * * * *'
const LEASE_MS = 3_600_000 // longer than a run of THUMBNAILS_PER_RUN at one a second

/**
 * Copies pending thumbnails in the background of `serve`: on start, then on a schedule. Each slot
 * takes a lease, so of several instances sharing a database one fetches.
 */
export function startThumbnailFetching(db: Db, client: PoliteClient, logger: Logger): { stop(): void } {
  const holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`
  const stopping = new AbortController()
  const runSlot = async (slot: string) => {
    if (!(await acquireLease(db, `thumbnails@${slot}`, holder, LEASE_MS))) return
    const run = await fetchThumbnails(db, client, { signal: stopping.signal })
    if (run.stored + run.failed.length === 0) return
    const failures = run.failed
      .slice(0, 3)
      .map((f) => `${f.url}: ${f.reason}`)
      .join('; ')
    const log = run.failed.length > 0 ? logger.warn.bind(logger) : logger.info.bind(logger)
    log(`thumbnails: ${run.stored} stored, ${run.failed.length} failed${failures ? ` (${failures})` : ''}`)
  }
  const guarded = (slot: string) =>
    runSlot(slot).catch((e) => stopping.signal.aborted || logger.error({ err: e }, 'thumbnail fetching crashed'))
  const job = new Cron(SCHEDULE, { timezone: 'UTC', protect: true }, async (self: Cron) => {
    await guarded((self.currentRun() ?? new Date()).toISOString())
  })
  void guarded(`start:${holder}`)
  return {
    stop() {
      stopping.abort()
      job.stop()
    },
  }
}
