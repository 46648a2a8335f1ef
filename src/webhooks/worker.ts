import { randomUUID } from 'node:crypto'
import type { Logger } from 'pino'
import { findUserById } from '../community/accounts/store.js'
import type { Db } from '../platform/db/connect.js'
import type { Mailer } from '../platform/mail/mailer.js'
import { webhookDisabledEmail } from './emails.js'
import { type ClaimedDelivery, claimDeliveries, markDelivered, markDropped, markFailed, markRetry } from './outbox.js'
import { buildRequest } from './request.js'
import { judge } from './retry-policy.js'
import { sendRequest } from './send.js'
import { recordLastDelivery, webhookTarget } from './store.js'
import { testAlert } from './test-alert.js'
import { describeTarget, SETTINGS_PATH } from './paths.js'

/** Requests in flight at once: one slow receiver holds one slot, the others keep going. */
const CONCURRENCY = 4
const TIMEOUT_MS = 10_000
/** Longer than a request may take (and the wait behind the others claimed with it), so a live worker's claim never lapses. */
const LEASE_MS = 60_000
/** Failed deliveries in a row that turn a webhook off: about five days of a receiver that is gone. */
export const FAILURES_TO_DISABLE = 5
/** The soonest a retry goes, whatever Retry-After says: no request loop against a receiver saying "0". */
const MIN_RETRY_MS = 1000

export interface WorkerDeps {
  db: Db
  mailer: Mailer
  logger: Logger
  site: { name: string; baseUrl: string }
  allowPrivate: boolean
  /** The clock claims, leases and retries read; tests move it. */
  clock?: () => number
  /** Per request; tests shorten it. */
  timeoutMs?: number
  random?: () => number
}

export interface DeliveryReport {
  delivered: number
  retried: number
  failed: number
  dropped: number
  disabled: number
}

/**
 * Delivers every due delivery: claims a few at a time with a lease and sends them CONCURRENCY at
 * once, then marks each delivered, queued again for later, or failed (which may turn its webhook
 * off and tell the member). A worker that dies leaves its claims to lapse; the next run takes them
 * over and sends them with the same delivery id.
 */
export async function deliverDue(deps: WorkerDeps): Promise<DeliveryReport> {
  const { db, clock = Date.now } = deps
  const report: DeliveryReport = { delivered: 0, retried: 0, failed: 0, dropped: 0, disabled: 0 }
  const queue: ClaimedDelivery[] = []
  let exhausted = false
  let claiming: Promise<void> | null = null
  const next = async (): Promise<ClaimedDelivery | undefined> => {
    while (queue.length === 0 && !exhausted) {
      claiming ??= (async () => {
        const at = clock()
        const rows = await claimDeliveries(
          db,
          CONCURRENCY * 2,
          new Date(at).toISOString(),
          new Date(at + LEASE_MS).toISOString(),
        )
        queue.push(...rows)
        if (rows.length === 0) exhausted = true
      })().finally(() => (claiming = null))
      await claiming
    }
    return queue.shift()
  }
  const runner = async () => {
    for (let claim = await next(); claim; claim = await next()) await deliverOne(deps, claim, report)
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, runner))
  if (report.delivered + report.retried + report.failed + report.dropped > 0)
    deps.logger.info(report, 'webhook deliveries')
  return report
}

async function deliverOne(deps: WorkerDeps, claim: ClaimedDelivery, report: DeliveryReport): Promise<void> {
  const { db, site, clock = Date.now, random = Math.random } = deps
  const target = await webhookTarget(db, claim.webhookId)
  if (!target || !target.enabled) {
    await markDropped(db, claim, 'the webhook was turned off before this alert went')
    report.dropped++
    return
  }
  const request = buildRequest(target, claim.alert, claim.deliveryId, site.name, Math.floor(clock() / 1000))
  const outcome = await sendRequest(request, {
    timeoutMs: deps.timeoutMs ?? TIMEOUT_MS,
    allowInternal: deps.allowPrivate,
  })
  const now = clock()
  const iso = new Date(now).toISOString()
  const verdict = judge(outcome, claim.attempts, now, random)
  if (verdict.kind === 'delivered') {
    await markDelivered(db, claim, verdict.status, iso)
    report.delivered++
  } else if (verdict.kind === 'retry') {
    const at = new Date(now + Math.max(MIN_RETRY_MS, verdict.delayMs)).toISOString()
    await markRetry(db, claim, at, verdict.status, verdict.error, iso)
    report.retried++
  } else {
    report.failed++
    if (await markFailed(db, claim, verdict.status, verdict.error, FAILURES_TO_DISABLE, iso)) {
      report.disabled++
      await tellMember(deps, target.userId, describeTarget(target), verdict.error)
    }
  }
}

async function tellMember(deps: WorkerDeps, userId: number, target: string, reason: string): Promise<void> {
  const user = await findUserById(deps.db, userId)
  if (!user) return
  const link = `${deps.site.baseUrl}${SETTINGS_PATH}`
  try {
    await deps.mailer.send(webhookDisabledEmail(user.email, deps.site.name, target, reason, link))
  } catch (error) {
    // The banner on the settings page says it too; a lost email must not undo the marking.
    deps.logger.warn({ err: error, userId }, 'the notice of a turned-off webhook could not be sent')
  }
}

/**
 * "Send a test": one example alert, sent now, outside the outbox (the member waits for the answer);
 * its outcome shows as the webhook's last delivery but never counts toward turning it off.
 */
export async function sendTestDelivery(deps: WorkerDeps, webhookId: number): Promise<{ ok: boolean; detail: string }> {
  const { db, site, clock = Date.now } = deps
  const target = await webhookTarget(db, webhookId)
  if (!target) return { ok: false, detail: 'the webhook is gone' }
  const alert = testAlert(site, target.userId, clock())
  const request = buildRequest(target, alert, `test-${randomUUID()}`, site.name, Math.floor(clock() / 1000))
  const outcome = await sendRequest(request, {
    timeoutMs: deps.timeoutMs ?? TIMEOUT_MS,
    allowInternal: deps.allowPrivate,
  })
  const verdict = judge(outcome, Number.POSITIVE_INFINITY, clock(), Math.random)
  const ok = verdict.kind === 'delivered'
  const detail = verdict.kind === 'delivered' ? `HTTP ${verdict.status}` : verdict.error
  await recordLastDelivery(
    db,
    webhookId,
    ok ? 'delivered' : 'failed',
    ok ? null : detail,
    new Date(clock()).toISOString(),
  )
  return { ok, detail }
}
