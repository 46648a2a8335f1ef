import type { Logger } from 'pino'
import type { Config } from '../config.js'
import type { Db } from '../platform/db/connect.js'
import { createMailer, defaultFrom } from '../platform/mail/mailer.js'
import { loadMailSettings } from '../platform/mail/settings.js'
import { UsageError } from '../platform/usage-error.js'
import { type Frequency, localDay } from './compose.js'
import { composeDigest, periodFor } from './digest.js'
import { outboxStatus } from './outbox.js'
import { renderDigest } from './render.js'
import { helperSenders, sendDigests } from './sender.js'
import { loadDigestSettings, unsubscribeMailbox } from './settings.js'

export interface SendFlags {
  period: string
  dryRun?: boolean
  to?: string
}

export function parseFrequency(period: string): Frequency {
  if (period !== 'daily' && period !== 'weekly')
    throw new UsageError(`--period must be daily or weekly, not “${period}”`)
  return period
}

/**
 * `paperboy digest send`: the period's digests to every subscriber (what `serve` does on its
 * schedule); `--to` sends one copy of everyone's digest to one address (nothing is recorded);
 * `--dry-run` says how many papers the digest would hold and sends nothing.
 */
export async function sendCommand(db: Db, config: Config, logger: Logger, flags: SendFlags): Promise<void> {
  const frequency = parseFrequency(flags.period)
  if (flags.to !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(flags.to))
    throw new UsageError(`--to must be an email address`)
  const site = { name: config.siteName, baseUrl: config.baseUrl }
  const digestSettings = loadDigestSettings()
  const now = Date.now()
  if (flags.dryRun || flags.to) {
    const period = await periodFor(db, frequency, localDay(now, digestSettings.timezone))
    const links = {
      preferences: `${site.baseUrl}/`,
      unsubscribe: `${site.baseUrl}/`,
      viewInBrowser: `${site.baseUrl}/digest/preview`,
    }
    const content = await composeDigest(db, site, period, { categories: [], keywords: [], maxPapers: 10 }, links)
    if (flags.dryRun) {
      process.stdout.write(
        `${frequency} digest of ${period.key}: ${content.papers.length} papers before subscribers' filters; nothing sent\n`,
      )
      return
    }
    const mail = loadMailSettings()
    const mailer = createMailer(mail, defaultFrom(mail, site.name, site.baseUrl), logger)
    const digest = await renderDigest(content)
    await mailer.send({ to: flags.to!, subject: digest.subject, text: digest.text, html: digest.html })
    mailer.close()
    process.stdout.write(
      `sent the ${frequency} digest of ${period.key} (${content.papers.length} papers) to ${flags.to}\n`,
    )
    return
  }
  const mail = loadMailSettings()
  const from = defaultFrom(mail, site.name, site.baseUrl)
  const mailer = createMailer(mail, from, logger)
  const helpers = helperSenders(digestSettings.senders, config.databaseUrl, mail, from)
  try {
    const r = await sendDigests(
      {
        db,
        mailer,
        logger,
        site,
        helpers,
        leaseMs: digestSettings.leaseMs,
        timezone: digestSettings.timezone,
        unsubscribeMailbox: unsubscribeMailbox(digestSettings, mail, site.baseUrl),
      },
      frequency,
      now,
    )
    process.stdout.write(
      `${r.period}: ${r.queued} queued, ${r.sent} sent, ${r.skipped} skipped, ${r.retried} to retry, ${r.failed} failed\n`,
    )
  } finally {
    mailer.close()
  }
}

/** `paperboy digest status`: per period, how many digests are queued, sent, skipped and failed. */
export async function digestStatusCommand(db: Db): Promise<void> {
  const rows = await outboxStatus(db)
  if (rows.length === 0) {
    process.stdout.write('No digest has been queued yet.\n')
    return
  }
  const byPeriod = new Map<string, Record<string, number>>()
  for (const r of rows) byPeriod.set(r.period, { ...byPeriod.get(r.period), [r.status]: r.count })
  for (const [period, counts] of byPeriod) {
    const parts = ['queued', 'sending', 'sent', 'skipped', 'failed'].map((s) => `${counts[s] ?? 0} ${s}`)
    process.stdout.write(`${period}: ${parts.join(', ')}\n`)
  }
}
