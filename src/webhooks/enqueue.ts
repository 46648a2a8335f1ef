import type { Alert } from '../follows/alert.js'
import type { Db } from '../platform/db/connect.js'
import { enqueueDeliveries } from './outbox.js'

/**
 * Queues an alert for every enabled webhook of the member that applies to the alert's follow, once per
 * (webhook, batch); returns how many deliveries were queued. The webhooks feature delivers them.
 */
export async function enqueueAlertWebhooks(db: Db, alert: Alert, now = Date.now()): Promise<number> {
  return enqueueDeliveries(db, alert, new Date(now).toISOString())
}
