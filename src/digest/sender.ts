import { randomBytes } from 'node:crypto'
import type { Logger } from 'pino'
import type { Paper } from '../papers/model.js'
import type { Db } from '../platform/db/connect.js'
import type { Mailer } from '../platform/mail/mailer.js'
import { siteSecret } from '../platform/secrets.js'
import { describePeriod } from '../papers/views/listing-page.js'
import { type Frequency, localDay, selectPapers, weekdayOf } from './compose.js'
import { digestCandidates, periodFor } from './digest.js'
import { forYouPicker } from './for-you.js'
import { claimDigests, countBounce, enqueueDigests, markDone, markRetry, markSent, sentPaperIds } from './outbox.js'
import { renderDigest } from './render.js'
import { signSubscription } from './signed-links.js'
import { unsubscribeMailto } from './unsubscribe-mail.js'
import { getSubscription, linkSubscriptionsToAccounts } from './store.js'

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
  /** DIGEST_TIMEZONE: the zone whose calendar says which day a digest is for (UTC when absent). */
  timezone?: string
  /** Where the mailto List-Unsubscribe goes (`unsubscribe@host`: mailed as `unsubscribe+TOKEN@host`). */
  unsubscribeMailbox?: string
  /** The clock claims, leases and retries read; tests move it. */
  clock?: () => number
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
  const { db, mailer, logger, site, clock = Date.now } = deps
  const today = localDay(now, deps.timezone ?? 'UTC')
  const period = await periodFor(db, frequency, today)
  const key = `${frequency}:${period.key}`
  const weekday = weekdayOf(today)
  const iso = new Date(now).toISOString()
  await linkSubscriptionsToAccounts(db, iso)
  const queued = await enqueueDigests(db, frequency, key, weekday === 0 || weekday === 6, iso)
  const report: SendReport = { period: key, queued, sent: 0, skipped: 0, failed: 0, retried: 0 }
  const candidates = await digestCandidates(db, period)
  const forYou = forYouPicker(db, candidates)
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
    const sent = await sentPaperIds(db, subscription.id)
    const papers: Paper[] = selectPapers(candidates, subscription, sent)
    if (papers.length === 0) {
      await markDone(db, claim.id, 'skipped', 'no new papers for this subscriber')
      report.skipped++
      return
    }
    const more =
      subscription.userId === null
        ? []
        : await forYou(subscription.userId, subscription, new Set([...sent, ...papers.map((p) => p.id)]))
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
      forYou: more,
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
          // Prepared: one unfolded line (at most ~300 characters of the 998 allowed), so that
          // neither nodemailer's folding nor a relay's can change what the DKIM signature covers.
          'List-Unsubscribe': {
            prepared: true,
            value: deps.unsubscribeMailbox
              ? `<${links.unsubscribe}>, <${unsubscribeMailto(deps.unsubscribeMailbox, secret, subscription.id)}>`
              : `<${links.unsubscribe}>`,
          },
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        },
      })
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode
      const why = error instanceof Error ? error.message : String(error)
      if (code !== undefined && code >= 500) {
        await markDone(db, claim.id, 'failed', why)
        await countBounce(db, subscription.id, BOUNCES_TO_STOP, new Date(clock()).toISOString())
        report.failed++
      } else if (claim.attempts >= MAX_ATTEMPTS) {
        await markDone(db, claim.id, 'failed', why)
        report.failed++
      } else {
        const backoffMs = Math.min(60 * 60_000, 60_000 * 2 ** (claim.attempts - 1))
        await markRetry(db, claim.id, new Date(clock() + backoffMs).toISOString(), why)
        report.retried++
      }
      logger.warn({ outbox: claim.id, code, attempts: claim.attempts }, 'a digest was not accepted by the mail server')
      return
    }
    await markSent(
      db,
      claim.id,
      subscription.id,
      [...papers, ...more.map((f) => f.paper)].map((p) => p.id),
      messageId,
      new Date(clock()).toISOString(),
    )
    report.sent++
  }

  for (;;) {
    const at = clock()
    const claims = await claimDigests(db, BATCH, new Date(at).toISOString(), new Date(at + LEASE_MS).toISOString())
    if (claims.length === 0) break
    for (let i = 0; i < claims.length; i += IN_FLIGHT) await Promise.all(claims.slice(i, i + IN_FLIGHT).map(sendOne))
  }
  logger.info(report, 'digests sent')
  return report
}
