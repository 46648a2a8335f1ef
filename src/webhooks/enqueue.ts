import type { Alert } from '../follows/alert.js'
import type { Db } from '../platform/db/connect.js'
import { enqueueDeliveries, membersWithWebhooks } from './outbox.js'

/**
 * Queues an alert for every enabled webhook of the member that applies to the alert's follow, once per
 * (webhook, batch); returns how many deliveries were queued. The webhooks feature delivers them.
 */
export async function enqueueAlertWebhooks(db: Db, alert: Alert, now = Date.now()): Promise<number> {
  return enqueueDeliveries(db, alert, new Date(now).toISOString())
}

/**
 * The same for a whole run's alerts: one query finds the few members who have webhooks at all, so
 * an ingest that alerts 100,000 follows spends no query on the members without one.
 */
export async function enqueueAlertsWebhooks(db: Db, alerts: readonly Alert[], now = Date.now()): Promise<number> {
  const members = await membersWithWebhooks(db, [...new Set(alerts.map((a) => a.userId))])
  const iso = new Date(now).toISOString()
  let queued = 0
  for (const alert of alerts) if (members.has(alert.userId)) queued += await enqueueDeliveries(db, alert, iso)
  return queued
}
