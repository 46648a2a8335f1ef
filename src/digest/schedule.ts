import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import { Cron } from 'croner'
import type { Logger } from 'pino'
import { acquireLease } from '../platform/jobs/lease.js'
import { isSendDay, localDay } from './compose.js'
import { type SenderDeps, sendDigests } from './sender.js'
import type { DigestSettings } from './settings.js'

const LEASE_MS = 6 * 3_600_000 // longer than any send; another instance's run of the slot waits it out

/**
 * Sends the digests at the configured time: the daily one every day (on weekends only to those
 * who asked for every day; `sendDigests` filters), the weekly one on Mondays. A lease named after the
 * slot lets one instance of several run it; the outbox makes a second run send nobody twice anyway.
 */
export function startDigestSchedule(deps: SenderDeps, settings: DigestSettings, logger: Logger): { stop(): void } {
  const holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`
  const job = new Cron(settings.schedule, { timezone: settings.timezone, protect: true }, async (self: Cron) => {
    const slot = (self.currentRun() ?? new Date()).toISOString()
    if (!(await acquireLease(deps.db, `digest@${slot}`, holder, LEASE_MS))) return
    const now = Date.now()
    const zoned = { ...deps, timezone: settings.timezone }
    try {
      await sendDigests(zoned, 'daily', now)
      if (isSendDay('weekly', false, localDay(now, settings.timezone))) await sendDigests(zoned, 'weekly', now)
    } catch (error) {
      logger.error({ err: error }, 'sending the digests failed; the next slot resumes what is queued')
    }
  })
  return { stop: () => job.stop() }
}
