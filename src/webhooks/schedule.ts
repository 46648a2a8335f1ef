import type { Logger } from 'pino'
import { deliverDue, type WorkerDeps } from './worker.js'

/** How often `serve` looks for due deliveries: an instant alert reaches a chat within seconds. */
const INTERVAL_MS = 5000

/**
 * Runs the delivery worker every few seconds, one run at a time in this process; claims with a lease
 * share the work between instances of the site.
 */
export function startWebhookDelivery(deps: WorkerDeps, logger: Logger): { stop(): void } {
  let timer: NodeJS.Timeout | undefined
  let stopped = false
  const tick = async () => {
    try {
      await deliverDue(deps)
    } catch (error) {
      logger.error({ err: error }, 'delivering webhooks failed; the next run resumes what is queued')
    }
    if (!stopped) timer = setTimeout(() => void tick(), INTERVAL_MS)
  }
  timer = setTimeout(() => void tick(), INTERVAL_MS)
  return {
    stop: () => {
      stopped = true
      clearTimeout(timer)
    },
  }
}
