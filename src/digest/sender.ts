import { randomBytes } from 'node:crypto'
import type { Logger } from 'pino'
import type { Paper } from '../papers/model.js'
import { addDays, toDay } from '../papers/period.js'
import { latestFeaturedDay } from '../papers/store.js'
import type { Db } from '../platform/db/connect.js'
import type { Mailer } from '../platform/mail/mailer.js'
import { siteSecret } from '../platform/secrets.js'
import { describePeriod } from '../papers/views/listing-page.js'
import { digestPeriod, type Frequency, selectPapers } from './compose.js'
import { digestCandidates } from './digest.js'
import { claimDigests, countBounce, enqueueDigests, markDone, markRetry, markSent, sentPaperIds } from './outbox.js'
import { renderDigest } from './render.js'
import { signSubscription } from './signed-links.js'
import { getSubscription } from './store.js'

const BATCH = 50
const IN_FLIGHT = 8 // messages handed to the mailer's pool at once
const LEASE_MS = 5 * 60_000
const MAX_ATTEMPTS = 5
const BOUNCES_TO_STOP = 3

/** The list's name as a header phrase: plain ASCII words, quoted. */
const listName = (siteName: string) => `"${siteName.replace(/[^\x20-\x7e]|["\\]/g, '').trim() || 'Paperboy'} digest"`

export interface SenderDeps {
  db: Db
  mailer: Mailer
  logger: Logger
  site: { name: string; baseUrl: string }
}

export interface SendReport {
  period: string
  queued: number
  sent: number
  skipped: number
  failed: number
  retried: number
}

/**
 * Sends the period's digests: queues one per subscriber (once, however often it runs), then claims
 * them in batches with a lease and sends each. A subscriber who unsubscribed meanwhile is skipped,
 * so a one-click unsubscribe takes effect before their next message even in a run in progress. A
 * sender that dies leaves its claims to expire; the next run takes them over. Transient failures are
 * retried with backoff, permanent rejections (5xx) count toward marking the address bounced.
 */
export async function sendDigests(deps: SenderDeps, frequency: Frequency, now: number): Promise<SendReport> {
  const { db, mailer, logger, site } = deps
  const latest = await latestFeaturedDay(db, { start: '0001-01-01', end: addDays(toDay(now), 1) })
  const period = digestPeriod(frequency, now, latest)
  const key = `${frequency}:${period.key}`
  const weekday = new Date(now).getUTCDay()
  const iso = new Date(now).toISOString()
  const queued = await enqueueDigests(db, frequency, key, weekday === 0 || weekday === 6, iso)
  const report: SendReport = { period: key, queued, sent: 0, skipped: 0, failed: 0, retried: 0 }
  const candidates = await digestCandidates(db, period)
  const secret = await siteSecret(db, 'digest-links')
  const host = new URL(site.baseUrl).hostname
  const periodLabel = describePeriod(period)

  const sendOne = async (claim: { id: number; subscriptionId: number; attempts: number }) => {
    const subscription = await getSubscription(db, claim.subscriptionId)
    if (!subscription || subscription.status !== 'active' || subscription.paused) {
      await markDone(db, claim.id, 'skipped', 'not subscribed any more')
      report.skipped++
      return
    }
    const papers: Paper[] = selectPapers(candidates, subscription, await sentPaperIds(db, subscription.id))
    if (papers.length === 0) {
      await markDone(db, claim.id, 'skipped', 'no new papers for this subscriber')
      report.skipped++
      return
    }
    const token = signSubscription(secret, subscription.id)
    const link = (path: string) => `${site.baseUrl}${path}?s=${token}`
    const links = {
      preferences: link('/digest/preferences'),
      unsubscribe: link('/digest/unsubscribe'),
      viewInBrowser: link('/digest/preview'),
    }
    const digest = await renderDigest({
      siteName: site.name,
      baseUrl: site.baseUrl,
      periodLabel,
      papers,
      forYou: [],
      links,
    })
    const messageId = `<digest.${claim.id}.${randomBytes(6).toString('hex')}@${host}>`
    try {
      await mailer.send({
        to: subscription.email,
        subject: digest.subject,
        text: digest.text,
        html: digest.html,
        messageId,
        headers: {
          'List-Id': { prepared: true, value: `${listName(site.name)} <digest.${host}>` },
          'List-Unsubscribe': { prepared: true, value: `<${links.unsubscribe}>` },
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        },
      })
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode
      const why = error instanceof Error ? error.message : String(error)
      if (code !== undefined && code >= 500) {
        await markDone(db, claim.id, 'failed', why)
        await countBounce(db, subscription.id, BOUNCES_TO_STOP, new Date().toISOString())
        report.failed++
      } else if (claim.attempts >= MAX_ATTEMPTS) {
        await markDone(db, claim.id, 'failed', why)
        report.failed++
      } else {
        const backoffMs = Math.min(60 * 60_000, 60_000 * 2 ** (claim.attempts - 1))
        await markRetry(db, claim.id, new Date(Date.now() + backoffMs).toISOString(), why)
        report.retried++
      }
      logger.warn({ outbox: claim.id, code, attempts: claim.attempts }, 'a digest was not accepted by the mail server')
      return
    }
    await markSent(
      db,
      claim.id,
      subscription.id,
      papers.map((p) => p.id),
      messageId,
      new Date().toISOString(),
    )
    report.sent++
  }

  for (;;) {
    const at = Date.now()
    const claims = await claimDigests(db, BATCH, new Date(at).toISOString(), new Date(at + LEASE_MS).toISOString())
    if (claims.length === 0) break
    for (let i = 0; i < claims.length; i += IN_FLIGHT) await Promise.all(claims.slice(i, i + IN_FLIGHT).map(sendOne))
  }
  logger.info(report, 'digests sent')
  return report
}
