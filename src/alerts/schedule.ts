import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import { Cron } from 'croner'
import type { DigestSettings } from '../digest/settings.js'
import { acquireLease } from '../platform/jobs/lease.js'
import { makeAlertBatch } from './batch.js'
import { type AlertSenderDeps, sendAlerts } from './sender.js'

const LEASE_MS = 6 * 3_600_000 // longer than any send; another instance's run of the slot waits it out
const MONDAY = 1

/**
 * Daily and weekly alerts at the digest's time (DIGEST_SCHEDULE in DIGEST_TIMEZONE): the daily
 * batch every day, the weekly one on Mondays, then an instant batch for what ingests by hand
 * (another process) stored, then the emails. A lease named after the slot lets one instance of
 * several run it; a batch's key and chain make a second run queue nothing twice anyway. On start,
 * emails a stopped server left queued are sent.
 */
export function startAlertSchedule(deps: AlertSenderDeps, settings: DigestSettings): { stop(): void } {
  const { db, logger, site } = deps
  const holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`
  const job = new Cron(settings.schedule, { timezone: settings.timezone, protect: true }, async (self: Cron) => {
    const slot = (self.currentRun() ?? new Date()).toISOString()
    if (!(await acquireLease(db, `alerts@${slot}`, holder, LEASE_MS))) return
    const now = Date.now()
    try {
      await makeAlertBatch(db, site, 'daily', now)
      if (new Date(now).getUTCDay() === MONDAY) await makeAlertBatch(db, site, 'weekly', now)
      await makeAlertBatch(db, site, 'instant', now)
      await sendAlerts(deps)
    } catch (error) {
      logger.error({ err: error }, 'making or sending alerts failed; the next slot resumes what is queued')
    }
  })
  void sendAlerts(deps).catch((error) => logger.error({ err: error }, 'resuming queued alert emails failed'))
  return { stop: () => job.stop() }
}
