import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import { Cron } from 'croner'
import type { Logger } from 'pino'
import type { IngestSettings } from './settings.js'
import { addDays, toDay } from '../papers/period.js'
import type { Db } from '../platform/db/connect.js'
import { acquireLease } from '../platform/jobs/lease.js'
import { runIngest } from './pipeline.js'
import type { Sources } from './registry.js'
import type { IngestRequest, SourceName } from './source.js'

const LEASE_MS = 24 * 3_600_000 // a slot's lease outlives any run and every instance's clock skew
const RETRY_DELAYS_MS = [5, 15, 45].map((m) => m * 60_000) // after a failed run, then wait for the next slot

/**
 * Runs the configured sources on the cron schedule. Each run takes a lease named after the source
 * and the scheduled time (the same for every instance, whatever its clock says when it fires), so
 * of several instances sharing a database exactly one ingests each slot. A failed run logs one
 * line, is recorded, and is retried by the same instance with backoff.
 */
export function startIngestSchedule(
  db: Db,
  config: IngestSettings,
  sources: Sources,
  logger: Logger,
): { stop(): void } {
  const holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`
  const timers = new Set<NodeJS.Timeout>()

  const runSlot = async (name: SourceName, slot: string, attempt: number): Promise<void> => {
    const lease = `ingest:${name}@${slot}`
    if (!(await acquireLease(db, lease, holder, LEASE_MS))) return // another instance has this slot
    let failed = false
    for (const request of scheduledRequests(name, config)) {
      const summary = await runIngest(db, sources.get(name), request, {
        trigger: 'schedule',
        feature: config.feature.includes(name),
      })
      if (summary.status === 'failed') {
        failed = true
        logger.warn(`ingest ${name} failed (run ${summary.runId}): ${summary.error}`)
      } else {
        logger.info(
          `ingest ${name}: ${summary.added} new, ${summary.updated} updated, ${summary.skipped} skipped (run ${summary.runId})`,
        )
      }
    }
    const delay = RETRY_DELAYS_MS[attempt]
    if (!failed || delay === undefined) return
    const timer = setTimeout(() => {
      timers.delete(timer)
      void runSlot(name, slot, attempt + 1).catch((e) => logger.error({ err: e }, `ingest ${name} retry crashed`))
    }, delay)
    timers.add(timer)
  }

  const job = new Cron(config.schedule, { timezone: 'UTC', protect: true }, async (self: Cron) => {
    const slot = (self.currentRun() ?? new Date()).toISOString()
    await db.kysely
      .deleteFrom('leases')
      .where('expires_at', '<', new Date().toISOString())
      .execute()
      .catch(() => {})
    for (const name of config.sources) {
      await runSlot(name, slot, 0).catch((e) => logger.error({ err: e }, `ingest ${name} crashed`))
    }
  })
  return {
    stop() {
      job.stop()
      for (const t of timers) clearTimeout(t)
    },
  }
}

/** What a scheduled run of each source fetches: the latest days, for the configured categories. */
export function scheduledRequests(name: SourceName, config: IngestSettings, now = Date.now()): IngestRequest[] {
  const today = toDay(now)
  const categories = config.categories
  switch (name) {
    case 'arxiv-rss':
      return [{ categories }]
    case 'hf-daily':
      // Yesterday too: its list kept growing after the last poll, and its counts moved.
      return [{ from: addDays(today, -1), until: today }]
    case 'arxiv-oai':
      return [...new Set(categories.map(oaiSet))].map((set) => ({ set, from: addDays(today, -2), until: today }))
    case 'arxiv-api': {
      const range = `submittedDate:[${addDays(today, -2).replaceAll('-', '')}0000 TO ${today.replaceAll('-', '')}2359]`
      return [{ query: `(${categories.map((c) => `cat:${c}`).join(' OR ')}) AND ${range}` }]
    }
    case 'snapshot':
      return [] // a file to import by hand, never scheduled
  }
}

/** The OAI-PMH set of a category: `cs.LG` → `cs`, `hep-th` → `physics:hep-th`, `math.AG` → `math`. */
export function oaiSet(category: string): string {
  const archive = category.split('.')[0]!
  const groups = ['cs', 'econ', 'eess', 'math', 'q-bio', 'q-fin', 'stat']
  return groups.includes(archive) ? archive : `physics:${archive}`
}
