import { randomBytes } from 'node:crypto'
import type { Logger } from 'pino'
import { findUserById } from '../community/accounts/store.js'
import type { Alert } from '../follows/alert.js'
import { findAlertFollow } from '../follows/alert-follows.js'
import { getPapers } from '../papers/store.js'
import type { Db } from '../platform/db/connect.js'
import type { Mailer } from '../platform/mail/mailer.js'
import { encodeQuotedPrintable } from '../platform/mail/quoted-printable.js'
import { siteSecret } from '../platform/secrets.js'
import {
  bouncesOf,
  type ClaimedAlert,
  claimAlerts,
  clearAlertBounces,
  countAlertBounce,
  markAlertDone,
  markAlertRetry,
  markAlertSent,
} from './outbox.js'
import { toAlertPaper } from './alert-papers.js'
import { ALERT_UNSUBSCRIBE_PATH, MANAGE_FOLLOWS_PATH } from './paths.js'
import { renderAlert } from './render.js'
import { signFollow } from './signed-links.js'
import { alertUnsubscribeMailto } from './unsubscribe-mail.js'

const BATCH = 50
const IN_FLIGHT = 8 // messages handed to the mailer's pool at once
const LEASE_MS = 5 * 60_000
const MAX_ATTEMPTS = 5
/** Permanent rejections in a row after which a member's address gets no more alerts (as the digest's). */
export const BOUNCES_TO_STOP = 3

/** The list's name as a header phrase: plain ASCII words, quoted. */
const listName = (siteName: string) => `"${siteName.replace(/[^\x20-\x7e]|["\\]/g, '').trim() || 'Paperboy'} alerts"`

export interface AlertSenderDeps {
  db: Db
  mailer: Mailer
  logger: Logger
  site: { name: string; baseUrl: string }
  /** The clock claims, leases and retries read; tests move it. */
  clock?: () => number
  /** Where a mailed unsubscribe goes (the digest's UNSUBSCRIBE_MAILBOX); unset, only the https link is named. */
  unsubscribeMailbox?: string
}

export interface AlertSendReport {
  sent: number
  skipped: number
  failed: number
  retried: number
}

/**
 * Sends every queued alert email, whatever batch queued it: claims them in batches with a lease
 * and sends each. A follow whose email was turned off meanwhile (its one-click unsubscribe) is
 * skipped, so it takes effect before the next message even in a run in progress. A sender that
 * dies leaves its claims to expire; the next run takes them over. Transient failures are retried
 * with backoff; permanent rejections (5xx) count toward stopping the member's alerts.
 */
export async function sendAlerts(deps: AlertSenderDeps): Promise<AlertSendReport> {
  const { db, logger, clock = Date.now } = deps
  const report: AlertSendReport = { sent: 0, skipped: 0, failed: 0, retried: 0 }
  const secret = await siteSecret(db, 'alert-links')
  for (;;) {
    const at = clock()
    const claims = await claimAlerts(db, BATCH, new Date(at).toISOString(), new Date(at + LEASE_MS).toISOString())
    if (claims.length === 0) break
    for (let i = 0; i < claims.length; i += IN_FLIGHT)
      await Promise.all(claims.slice(i, i + IN_FLIGHT).map((claim) => sendOne(deps, secret, claim, report)))
  }
  if (report.sent + report.skipped + report.failed + report.retried > 0) logger.info(report, 'alert emails sent')
  return report
}

async function sendOne(deps: AlertSenderDeps, secret: string, claim: ClaimedAlert, report: AlertSendReport) {
  const { db, mailer, logger, site, clock = Date.now } = deps
  const skip = async (why: string) => {
    await markAlertDone(db, claim.id, 'skipped', why)
    report.skipped++
  }
  const follow = await findAlertFollow(db, claim.followId)
  if (!follow || !follow.email || follow.alert === 'off') return skip('alert emails turned off for this follow')
  const user = await findUserById(db, claim.userId)
  if (!user || user.banned || !user.emailVerified) return skip('no verified address')
  if ((await bouncesOf(db, user.id)) >= BOUNCES_TO_STOP) return skip('the address bounced')

  const links = {
    unsubscribe: `${site.baseUrl}${ALERT_UNSUBSCRIBE_PATH}?f=${signFollow(secret, follow.id)}`,
    manage: `${site.baseUrl}${MANAGE_FOLLOWS_PATH}`,
  }
  // The papers as they are now (a title corrected since the batch shows corrected); one gone from the catalog is left out.
  const stored = claim.alert
  const papers = new Map(
    (
      await getPapers(
        db,
        stored.papers.map((p) => p.paperId),
      )
    ).map((p) => [p.id, p]),
  )
  const alert: Alert = {
    ...stored,
    papers: stored.papers.flatMap((p) => {
      const paper = papers.get(p.paperId)
      return paper ? [toAlertPaper(paper, site.baseUrl, p.why, p.change)] : []
    }),
  }
  if (alert.papers.length === 0) return skip('its papers left the catalog')
  const email = await renderAlert({ siteName: site.name, alert, links })
  const host = new URL(site.baseUrl).hostname
  const messageId = `<alert.${claim.id}.${randomBytes(6).toString('hex')}@${host}>`
  try {
    await mailer.send({
      to: user.email,
      subject: email.subject,
      // Encoded here, as the digest's parts are, so that the mailer sends the email as raw bytes.
      text: { quotedPrintable: encodeQuotedPrintable(email.text) },
      html: { quotedPrintable: encodeQuotedPrintable(email.html) },
      messageId,
      headers: {
        'List-Id': { prepared: true, value: `${listName(site.name)} <alerts.${host}>` },
        'List-Unsubscribe': {
          prepared: true,
          value: deps.unsubscribeMailbox
            ? `<${links.unsubscribe}>, <${alertUnsubscribeMailto(deps.unsubscribeMailbox, secret, follow.id)}>`
            : `<${links.unsubscribe}>`,
        },
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    })
  } catch (error) {
    const code = (error as { responseCode?: number }).responseCode
    const why = error instanceof Error ? error.message : String(error)
    if (code !== undefined && code >= 500) {
      await markAlertDone(db, claim.id, 'failed', why)
      await countAlertBounce(db, user.id, new Date(clock()).toISOString())
      report.failed++
    } else if (claim.attempts >= MAX_ATTEMPTS) {
      await markAlertDone(db, claim.id, 'failed', why)
      report.failed++
    } else {
      const backoffMs = Math.min(60 * 60_000, 60_000 * 2 ** (claim.attempts - 1))
      await markAlertRetry(db, claim.id, new Date(clock() + backoffMs).toISOString(), why)
      report.retried++
    }
    logger.warn(
      { outbox: claim.id, code, attempts: claim.attempts },
      'an alert email was not accepted by the mail server',
    )
    return
  }
  await markAlertSent(db, claim.id, messageId, new Date(clock()).toISOString())
  await clearAlertBounces(db, user.id)
  report.sent++
}
