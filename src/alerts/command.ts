import type { Logger } from 'pino'
import type { Config } from '../config.js'
import type { Db } from '../platform/db/connect.js'
import { createMailer, defaultFrom } from '../platform/mail/mailer.js'
import { loadMailSettings } from '../platform/mail/settings.js'
import { loadDigestSettings, unsubscribeMailbox } from '../digest/settings.js'
import { UsageError } from '../platform/usage-error.js'
import { type Cadence, makeAlertBatch } from './batch.js'
import { sendAlerts } from './sender.js'
import { batchStatus } from './store.js'

const CADENCES: readonly Cadence[] = ['instant', 'daily', 'weekly']

export function parseCadence(cadence: string): Cadence {
  const found = CADENCES.find((c) => c === cadence)
  if (!found) throw new UsageError(`--cadence must be instant, daily or weekly, not “${cadence}”`)
  return found
}

/**
 * `paperboy alerts send --cadence …`: makes the cadence's batch now (what `serve` does on ingest
 * and on its schedule) and sends every queued alert email; `--dry-run` says how many alerts the
 * batch would hold and records and sends nothing.
 */
export async function alertsSendCommand(
  db: Db,
  config: Config,
  logger: Logger,
  flags: { cadence: string; dryRun?: boolean },
): Promise<void> {
  const cadence = parseCadence(flags.cadence)
  const site = { name: config.siteName, baseUrl: config.baseUrl }
  const r = await makeAlertBatch(db, site, cadence, Date.now(), { dryRun: flags.dryRun })
  const what = `${r.batch} (${r.since} to ${r.until}): ${r.papers} new papers, ${r.changed} changed`
  if (r.already) {
    process.stdout.write(`${r.batch} was made already; nothing queued twice\n`)
  } else if (flags.dryRun) {
    process.stdout.write(`${what}; would queue ${r.alerts} alerts (${r.emails} emails); nothing recorded or sent\n`)
    return
  } else {
    process.stdout.write(`${what}; queued ${r.alerts} alerts (${r.emails} emails, ${r.webhooks} webhook deliveries)\n`)
  }
  const mail = loadMailSettings()
  const mailer = createMailer(mail, defaultFrom(mail, site.name, site.baseUrl), logger)
  try {
    const mailbox = unsubscribeMailbox(loadDigestSettings(), mail, site.baseUrl)
    const s = await sendAlerts({ db, mailer, logger, site, unsubscribeMailbox: mailbox })
    process.stdout.write(
      `alert emails: ${s.sent} sent, ${s.skipped} skipped, ${s.retried} to retry, ${s.failed} failed\n`,
    )
  } finally {
    mailer.close()
  }
}

/** `paperboy alerts status`: the latest batches, and how many of their emails are queued, sent, skipped and failed. */
export async function alertsStatusCommand(db: Db): Promise<void> {
  const batches = await batchStatus(db, 20)
  if (batches.length === 0) {
    process.stdout.write('No alert batch has been made yet.\n')
    return
  }
  for (const b of batches) {
    const parts = ['queued', 'sending', 'sent', 'skipped', 'failed'].map((s) => `${b.counts[s] ?? 0} ${s}`)
    process.stdout.write(`${b.key}: ${b.alerts} alerts; emails ${parts.join(', ')}\n`)
  }
}
