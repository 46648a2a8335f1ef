import { randomBytes } from 'node:crypto'
import { LRUCache } from 'lru-cache'
import type { Logger } from 'pino'
import type { Paper } from '../papers/model.js'
import type { Period } from '../papers/period.js'
import type { Db } from '../platform/db/connect.js'
import type { Mailer } from '../platform/mail/mailer.js'
import {
  encodeQuotedPrintable,
  encodeQuotedPrintablePieces,
  joinQuotedPrintable,
} from '../platform/mail/quoted-printable.js'
import type { MailSettings } from '../platform/mail/settings.js'
import { startWorker } from '../platform/worker-stream.js'
import { siteSecret } from '../platform/secrets.js'
import { describePeriod } from '../papers/views/listing-page.js'
import { type Frequency, localDay, selectPapers, weekdayOf } from './compose.js'
import { digestCandidates, periodFor } from './digest.js'
import { forYouPicker } from './for-you.js'
import {
  type ClaimedDigest,
  claimDigests,
  countBounce,
  enqueueDigests,
  markDone,
  markRetry,
  markSent,
  sentPaperIds,
} from './outbox.js'
import { renderDigest, RowCache } from './render.js'
import { DEFAULT_LEASE_MS } from './settings.js'
import { signSubscription } from './signed-links.js'
import { getSubscriptions, linkSubscriptionsToAccounts, type Subscription } from './store.js'
import { digestUnsubscribeMailto } from './unsubscribe-mail.js'

/** Messages handed to the mailer's pool at once: a window, marked sent together (what a crash may resend). */
export const SEND_WINDOW = 16
const MAX_ATTEMPTS = 5
/** Preference sets whose rendered digest a sender keeps (each ~50 KB). */
const SHARED_DIGESTS = 256
/** Stands for a subscriber's link token in a shared digest: no paper, name or URL holds it. */
const TOKEN_PLACEHOLDER = 'PAPERBOY-LINK-TOKEN-9f4c2e'

interface SharedDigest {
  paperIds: string[]
  subject: string
  /** The HTML and text parts, quoted-printable encoded in pieces split where the subscriber's token goes. */
  html: string[]
  text: string[]
}
const BOUNCES_TO_STOP = 3

/** The list's name as a header phrase: plain ASCII words, quoted. */
const listName = (siteName: string) => `"${siteName.replace(/[^\x20-\x7e]|["\\]/g, '').trim() || 'Paperboy'} digest"`

export interface SenderDeps {
  db: Db
  mailer: Mailer
  logger: Logger
  site: { name: string; baseUrl: string }
  /** The clock claims, leases and retries read; tests move it. */
  clock?: () => number
  /** More senders beside this one, each in a worker thread with its own connection and SMTP pool. */
  helpers?: HelperSenders
  /** DIGEST_TIMEZONE: the zone whose calendar says which day a digest is for (UTC when absent). */
  timezone?: string
  /** Where the mailto List-Unsubscribe goes (`unsubscribe@host`: mailed as `unsubscribe+TOKEN@host`). */
  unsubscribeMailbox?: string
  /** How long a claim holds its digests before another sender may take them over (DIGEST_LEASE_SECONDS). */
  leaseMs?: number
}

/** What a helper sender needs to open its own connection and mailer. */
export interface HelperSenders {
  count: number
  databaseUrl: string
  mail: MailSettings
  from: string
}

export interface SendReport {
  period: string
  queued: number
  sent: number
  skipped: number
  failed: number
  retried: number
}

/** What one sender did: its share of a run's report. */
export type SenderCounts = Pick<SendReport, 'sent' | 'skipped' | 'failed' | 'retried'>

/**
 * Sends the period's digests: queues one per subscriber (once, however often it runs), then claims
 * them in batches with a lease and sends each, here and in the helper senders (rendering, MIME
 * encoding and DKIM signing keep a core busy; the helpers put the others to work). A subscriber who
 * unsubscribed meanwhile is skipped, so a one-click unsubscribe takes effect before their next message
 * even in a run in progress. A sender that dies leaves its claims to expire; the next run takes them
 * over. Transient failures are retried with backoff, permanent rejections (5xx) count toward marking
 * the address bounced.
 */
export async function sendDigests(deps: SenderDeps, frequency: Frequency, now: number): Promise<SendReport> {
  const { db, logger } = deps
  const today = localDay(now, deps.timezone ?? 'UTC')
  const period = await periodFor(db, frequency, today)
  const key = `${frequency}:${period.key}`
  const weekday = weekdayOf(today)
  const iso = new Date(now).toISOString()
  await linkSubscriptionsToAccounts(db, iso)
  const queued = await enqueueDigests(db, frequency, key, weekday === 0 || weekday === 6, iso)
  const run: SenderRun = {
    period,
    site: deps.site,
    leaseMs: deps.leaseMs ?? DEFAULT_LEASE_MS,
    unsubscribeMailbox: deps.unsubscribeMailbox,
  }
  const helpers = Array.from({ length: deps.helpers?.count ?? 0 }, () => startHelper(deps.helpers!, run, logger.level))
  const counts = [await drainOutbox(deps, run), ...(await Promise.all(helpers))]
  const report: SendReport = { period: key, queued, sent: 0, skipped: 0, failed: 0, retried: 0 }
  for (const c of counts) for (const k of ['sent', 'skipped', 'failed', 'retried'] as const) report[k] += c[k]
  return report
}

/** Helpers for `senders` senders in all (this one included); none for one, or for an in-memory database. */
export function helperSenders(
  senders: number,
  databaseUrl: string,
  mail: MailSettings,
  from: string,
): HelperSenders | undefined {
  if (senders <= 1 || databaseUrl === 'sqlite::memory:') return undefined
  return { count: senders - 1, databaseUrl, mail, from }
}

/** What every sender of a run shares: the period its digests cover and the site they link to. */
export interface SenderRun {
  period: Period
  site: SenderDeps['site']
  leaseMs: number
  unsubscribeMailbox: string | undefined
}

/** A helper sender in a worker thread (sender-worker.ts); resolves to its counts when the queue is empty. */
function startHelper(helpers: HelperSenders, run: SenderRun, logLevel: string): Promise<SenderCounts> {
  const worker = startWorker(new URL('./sender-worker.js', import.meta.url), {
    workerData: { databaseUrl: helpers.databaseUrl, mail: helpers.mail, from: helpers.from, run, logLevel },
    // A small heap makes the thread collect early instead of growing toward V8's default.
    resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 },
  })
  return new Promise((resolve, reject) => {
    worker.once('message', resolve)
    worker.once('error', reject)
    worker.once('exit', (code) => reject(new Error(`a helper sender stopped (exit ${code})`)))
  })
}

/**
 * Claims and sends queued digests until none is left (the run's and any a dead sender left behind).
 * Several senders may drain one outbox at once: a claim takes rows no other sender holds.
 */
export async function drainOutbox(deps: SenderDeps, run: SenderRun): Promise<SenderCounts> {
  const { db, mailer, logger, site, clock = Date.now } = deps
  const report: SenderCounts = { sent: 0, skipped: 0, failed: 0, retried: 0 }
  const candidates = await digestCandidates(db, run.period)
  const forYou = forYouPicker(db, candidates)
  const secret = await siteSecret(db, 'digest-links')
  const host = new URL(site.baseUrl).hostname
  const periodLabel = describePeriod(run.period)
  const rows = new RowCache()

  /**
   * The digests of subscribers without an account, by what they chose and which of the period's
   * papers they were sent before: most subscribers share a few preference sets, so each set's papers
   * are picked and its digest rendered and encoded once a run, with a placeholder where a subscriber's
   * own link token goes (split out here, joined with their token per message).
   */
  const shared = new LRUCache<string, SharedDigest>({ max: SHARED_DIGESTS })
  const sharedDigest = async (subscription: Subscription, sent: ReadonlySet<string>) => {
    const seen = candidates.filter((p) => sent.has(p.id)).map((p) => p.id)
    const key = JSON.stringify([subscription.categories, subscription.keywords, subscription.maxPapers, seen])
    let digest = shared.get(key)
    if (!digest) {
      const papers = selectPapers(candidates, subscription, sent)
      const links = linksFor(TOKEN_PLACEHOLDER)
      const rendered = await renderDigest(
        { siteName: site.name, baseUrl: site.baseUrl, periodLabel, papers, forYou: [], links },
        rows,
      )
      digest = {
        paperIds: papers.map((p) => p.id),
        subject: rendered.subject,
        html: encodeQuotedPrintablePieces(rendered.html.split(TOKEN_PLACEHOLDER)),
        text: encodeQuotedPrintablePieces(rendered.text.split(TOKEN_PLACEHOLDER)),
      }
      shared.set(key, digest)
    }
    return digest
  }
  const linksFor = (token: string) => {
    const link = (path: string) => `${site.baseUrl}${path}?s=${token}`
    return {
      preferences: link('/digest/preferences'),
      unsubscribe: link('/digest/unsubscribe'),
      viewInBrowser: link('/digest/preview'),
    }
  }

  /** One subscriber's digest, or why there is none; reads nothing, so a window's reads are shared. */
  const compose = async (subscription: Subscription | undefined, sent: ReadonlySet<string>) => {
    if (!subscription || subscription.status !== 'active' || subscription.paused) return 'not subscribed any more'
    const token = signSubscription(secret, subscription.id)
    const links = linksFor(token)
    if (subscription.userId === null) {
      const d = await sharedDigest(subscription, sent)
      if (d.paperIds.length === 0) return 'no new papers for this subscriber'
      const digest = {
        subject: d.subject,
        html: { quotedPrintable: joinQuotedPrintable(d.html, token) },
        text: { quotedPrintable: joinQuotedPrintable(d.text, token) },
      }
      return { subscription, paperIds: d.paperIds, links, digest }
    }
    const papers: Paper[] = selectPapers(candidates, subscription, sent)
    if (papers.length === 0) return 'no new papers for this subscriber'
    const more = await forYou(subscription.userId, subscription, new Set([...sent, ...papers.map((p) => p.id)]))
    const content = { siteName: site.name, baseUrl: site.baseUrl, periodLabel, papers, forYou: more, links }
    const paperIds = [...papers, ...more.map((f) => f.paper)].map((p) => p.id)
    const rendered = await renderDigest(content, rows)
    // Encoded here as the shared digests are, so that every digest goes out as raw bytes (mailer.ts).
    const digest = {
      subject: rendered.subject,
      html: { quotedPrintable: encodeQuotedPrintable(rendered.html) },
      text: { quotedPrintable: encodeQuotedPrintable(rendered.text) },
    }
    return { subscription, paperIds, links, digest }
  }

  /** Sends one composed digest; the outcome says how its row ends. */
  const deliver = async (claim: ClaimedDigest, m: Exclude<Awaited<ReturnType<typeof compose>>, string>) => {
    const messageId = `<digest.${claim.id}.${randomBytes(6).toString('hex')}@${host}>`
    try {
      await mailer.send({
        to: m.subscription.email,
        subject: m.digest.subject,
        text: m.digest.text,
        html: m.digest.html,
        messageId,
        headers: {
          'List-Id': { prepared: true, value: `${listName(site.name)} <digest.${host}>` },
          // Prepared: one unfolded line (at most ~300 characters of the 998 allowed), so that
          // neither nodemailer's folding nor a relay's can change what the DKIM signature covers.
          'List-Unsubscribe': {
            prepared: true,
            value: run.unsubscribeMailbox
              ? `<${m.links.unsubscribe}>, <${digestUnsubscribeMailto(run.unsubscribeMailbox, secret, m.subscription.id)}>`
              : `<${m.links.unsubscribe}>`,
          },
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        },
      })
      return {
        sent: { id: claim.id, subscriptionId: m.subscription.id, paperIds: m.paperIds, messageId },
      }
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode
      const why = error instanceof Error ? error.message : String(error)
      logger.warn({ outbox: claim.id, code, attempts: claim.attempts }, 'a digest was not accepted by the mail server')
      if (code !== undefined && code >= 500) {
        await markDone(db, claim.id, 'failed', why)
        await countBounce(db, m.subscription.id, BOUNCES_TO_STOP, new Date(clock()).toISOString())
        report.failed++
      } else if (claim.attempts >= MAX_ATTEMPTS) {
        await markDone(db, claim.id, 'failed', why)
        report.failed++
      } else {
        const backoffMs = Math.min(60 * 60_000, 60_000 * 2 ** (claim.attempts - 1))
        await markRetry(db, claim.id, new Date(clock() + backoffMs).toISOString(), why)
        report.retried++
      }
      return {}
    }
  }

  /**
   * One window of claims: their subscriptions and sent papers read in two queries just before sending
   * (so an unsubscribe that came meanwhile is seen), the messages handed to the mailer's pool together,
   * and the sent ones marked in one transaction. A sender killed mid-window sends at most this window
   * again: its rows are still `sending` under a lease that runs out.
   */
  const sendWindow = async (claims: ClaimedDigest[]) => {
    const ids = claims.map((c) => c.subscriptionId)
    const [subscriptions, sentBefore] = await Promise.all([getSubscriptions(db, ids), sentPaperIds(db, ids)])
    const outcomes = await Promise.all(
      claims.map(async (claim) => {
        const m = await compose(subscriptions.get(claim.subscriptionId), sentBefore.get(claim.subscriptionId)!)
        if (typeof m === 'string') {
          await markDone(db, claim.id, 'skipped', m)
          report.skipped++
          return {}
        }
        return deliver(claim, m)
      }),
    )
    const sent = outcomes.flatMap((o) => ('sent' in o && o.sent ? [o.sent] : []))
    await markSent(db, sent, new Date(clock()).toISOString())
    report.sent += sent.length
  }

  // One window claimed at a time: the lease then only has to outlast sending one window, and a sender
  // that dies holds no more digests back than it had in flight. The cursor keeps each claim reading
  // only the head of the queue; when nothing is left after it, one more look from the start finds
  // retries that came due and digests another sender put back.
  let cursor = 0
  for (;;) {
    const at = clock()
    const claim = (after: number) =>
      claimDigests(db, SEND_WINDOW, new Date(at).toISOString(), new Date(at + run.leaseMs).toISOString(), after)
    let claims = await claim(cursor)
    if (claims.length === 0 && cursor > 0) claims = await claim((cursor = 0))
    if (claims.length === 0) break
    cursor = Math.max(cursor, ...claims.map((c) => c.id))
    await sendWindow(claims)
  }
  return report
}
