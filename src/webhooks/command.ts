import type { Logger } from 'pino'
import type { Config } from '../config.js'
import type { Db } from '../platform/db/connect.js'
import { createMailer, defaultFrom } from '../platform/mail/mailer.js'
import { loadMailSettings } from '../platform/mail/settings.js'
import { loadWebhookSettings } from './settings.js'
import { deliverDue } from './worker.js'

/** `paperboy webhooks deliver`: sends every due delivery once (what `serve` does every few seconds). */
export async function deliverCommand(db: Db, config: Config, logger: Logger): Promise<void> {
  const mail = loadMailSettings()
  const mailer = createMailer(mail, defaultFrom(mail, config.siteName, config.baseUrl), logger)
  const site = { name: config.siteName, baseUrl: config.baseUrl }
  try {
    const r = await deliverDue({ db, mailer, logger, site, allowPrivate: loadWebhookSettings().allowPrivate })
    process.stdout.write(
      `webhooks: ${r.delivered} delivered, ${r.retried} to retry, ${r.failed} failed, ${r.dropped} dropped (webhook off), ${r.disabled} webhooks turned off\n`,
    )
  } finally {
    mailer.close()
  }
}
