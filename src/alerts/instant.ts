import { onIngestRun } from '../ingest/pipeline.js'
import { makeAlertBatch } from './batch.js'
import { type AlertSenderDeps, sendAlerts } from './sender.js'

/**
 * Instant alerts: after every ingest run that added or changed papers, one batch matches what
 * the catalog took in since the last instant batch, and its emails go out in the background (an
 * ingest does not wait for the mail server). Runs that end while a batch is being made are
 * folded into one more batch after it. Returns the listener's removal (serve's shutdown).
 */
export function startInstantAlerts(deps: AlertSenderDeps): { stop(): void; idle(): Promise<void> } {
  const { db, logger, site, clock = Date.now } = deps
  let running: Promise<void> | null = null
  let again = false
  let sending: Promise<unknown> = Promise.resolve()

  const batchOnce = async () => {
    const report = await makeAlertBatch(db, site, 'instant', clock())
    if (report.alerts > 0) logger.info(report, 'instant alerts queued')
    sending = sending
      .then(() => sendAlerts(deps))
      .catch((error) => logger.error({ err: error }, 'sending alert emails failed; the next run resumes them'))
  }
  const listener = async () => {
    if (running) {
      again = true
      return running
    }
    running = (async () => {
      do {
        again = false
        await batchOnce()
      } while (again)
    })()
      .catch((error) => logger.error({ err: error }, 'making instant alerts failed; the next batch covers its papers'))
      .finally(() => {
        running = null
      })
    return running
  }
  const off = onIngestRun(listener)
  return {
    stop: off,
    /** Resolves when the batch being made and the emails being sent are done (tests, shutdown). */
    idle: async () => {
      await running
      await sending
    },
  }
}
