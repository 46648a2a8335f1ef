import pino from 'pino'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { enqueueAlertsWebhooks, enqueueAlertWebhooks } from '../src/webhooks/enqueue.js'
import { claimDeliveries, markFailed, markRetry } from '../src/webhooks/outbox.js'
import {
  DELIVERY_HEADER,
  isValidSignature,
  newSigningSecret,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
} from '../src/webhooks/signing.js'
import type { WebhookKind } from '../src/webhooks/schema.js'
import { createWebhook, findWebhook } from '../src/webhooks/store.js'
import { deliverDue, FAILURES_TO_DISABLE, type WorkerDeps } from '../src/webhooks/worker.js'
import { signedInUser } from './support/accounts.js'
import { describeEachDatabase } from './support/db.js'
import { type SmtpSink, startSmtpSink } from './support/smtp.js'
import { type Answer, type Receiver, startReceiver } from './support/webhook-receiver.js'
import { aFollow, alertPaper, anAlert, deliveriesOf } from './support/webhooks.js'

/**
 * Webhook delivery against real local receivers: signed requests in each service's shape, retries
 * with backoff, timeouts, a slow receiver beside a fast one, permanent failures, turning a webhook
 * off with a notice email, and a worker that died mid-delivery.
 */
const T0 = Date.parse('2026-12-03T10:00:00Z')
const HOUR = 3_600_000

let smtp: SmtpSink
const receivers: Receiver[] = []
beforeAll(async () => {
  smtp = await startSmtpSink()
})
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()))
  await smtp.close()
})
const receiver = async (...answers: Answer[]) => {
  const r = await startReceiver(...answers)
  receivers.push(r)
  return r
}

describeEachDatabase('webhook delivery', (db, dialect) => {
  let clock = T0
  let users = 0
  const deps = (): WorkerDeps => ({
    db: db(),
    mailer: smtp.mailer,
    logger: pino({ level: 'silent' }),
    site: { name: 'Paperboy', baseUrl: 'https://papers.example.org' },
    allowPrivate: true,
    clock: () => clock,
    timeoutMs: 400,
  })
  /** A member with a follow and one webhook of `kind` to `url`, applying to all their follows. */
  const member = async (kind: WebhookKind, url: string, matrix?: { room: string; token: string }) => {
    const who = await signedInUser(db(), `${dialect}_member${++users}`) // one SMTP sink for both databases
    const followId = await aFollow(db(), who.user.id, 'cs.LG')
    const secret = newSigningSecret()
    const webhookId = await createWebhook(
      db(),
      who.user.id,
      { kind, url, matrixRoom: matrix?.room ?? null, matrixToken: matrix?.token ?? null, secret, followIds: [] },
      new Date(clock).toISOString(),
    )
    return { who, followId, secret, webhookId }
  }

  it('signs every request: the signature verifies with the secret and fails with another', async () => {
    const hook = await receiver({ status: 204 })
    const m = await member('json', hook.url)
    expect(await enqueueAlertWebhooks(db(), anAlert(m.who.user.id, m.followId, 'instant:1'), clock)).toBe(1)
    expect(await deliverDue(deps())).toMatchObject({ delivered: 1 })
    const [request] = await hook.waitFor(1)
    const signature = request!.headers[SIGNATURE_HEADER.toLowerCase()] as string
    const timestamp = Number(request!.headers[TIMESTAMP_HEADER.toLowerCase()])
    expect(timestamp).toBe(T0 / 1000)
    expect(isValidSignature(m.secret, timestamp, request!.body, signature)).toBe(true)
    expect(isValidSignature(newSigningSecret(), timestamp, request!.body, signature)).toBe(false)
    const [row] = await deliveriesOf(db(), m.webhookId)
    expect(request!.headers[DELIVERY_HEADER.toLowerCase()]).toBe(row!.delivery_id)
    expect(row).toMatchObject({ status: 'delivered', attempts: 1, last_status_code: 204 })
    expect(JSON.parse(request!.body)).toMatchObject({
      type: 'paperboy.alert',
      batch: 'instant:1',
      follow: { id: m.followId },
    })
    expect((await findWebhook(db(), m.who.user.id, m.webhookId))!.lastStatus).toBe('delivered')
  })

  it('posts Slack, Discord and Matrix bodies in their shapes (Discord within its limits with 30 long papers)', async () => {
    const slack = await receiver({ status: 200 })
    const discord = await receiver({ status: 204 })
    const matrix = await receiver({ status: 200 })
    const s = await member('slack', slack.url)
    const d = await member('discord', discord.url)
    const x = await member('matrix', matrix.url.replace('/hook', ''), {
      room: '!room:example.org',
      token: 'syt_secret',
    })
    const long = anAlert(d.who.user.id, d.followId, 'daily:2026-12-03', 30)
    long.papers = long.papers.map((p, i) => alertPaper(i, { title: 'T'.repeat(400), summary: 'S'.repeat(9000) }))
    await enqueueAlertWebhooks(db(), anAlert(s.who.user.id, s.followId, 'daily:2026-12-03', 2), clock)
    await enqueueAlertWebhooks(db(), long, clock)
    await enqueueAlertWebhooks(db(), anAlert(x.who.user.id, x.followId, 'daily:2026-12-03'), clock)
    expect(await deliverDue(deps())).toMatchObject({ delivered: 3, failed: 0 })

    const slackBody = JSON.parse((await slack.waitFor(1))[0]!.body)
    expect(slackBody.text).toBe('Paperboy: 2 new papers for cs.LG')
    expect(slackBody.blocks).toHaveLength(3)
    expect(slackBody.blocks[1]).toMatchObject({ type: 'section', text: { type: 'mrkdwn' } })

    const discordBody = JSON.parse((await discord.waitFor(1))[0]!.body)
    expect(discordBody.embeds).toHaveLength(10)
    const chars = discordBody.embeds.reduce(
      (n: number, e: { title: string; description: string; footer: { text: string } }) =>
        n + e.title.length + e.description.length + e.footer.text.length,
      0,
    )
    expect(chars).toBeLessThanOrEqual(6000)

    const [put] = await matrix.waitFor(1)
    const [row] = await deliveriesOf(db(), x.webhookId)
    expect(put!.method).toBe('PUT')
    expect(put!.path).toBe(`/_matrix/client/v3/rooms/!room%3Aexample.org/send/m.room.message/${row!.delivery_id}`)
    expect(put!.headers.authorization).toBe('Bearer syt_secret')
    expect(JSON.parse(put!.body)).toMatchObject({ msgtype: 'm.text', format: 'org.matrix.custom.html' })
  })

  it('retries a 500 with backoff and delivers once on the 200 that follows, counting attempts', async () => {
    const hook = await receiver({ status: 500 }, { status: 200 })
    const m = await member('json', hook.url)
    await enqueueAlertWebhooks(db(), anAlert(m.who.user.id, m.followId, 'instant:2'), clock)
    expect(await deliverDue(deps())).toMatchObject({ delivered: 0, retried: 1 })
    expect((await findWebhook(db(), m.who.user.id, m.webhookId))!).toMatchObject({
      lastStatus: 'retrying',
      lastError: 'HTTP 500: ok',
    })
    expect(await deliverDue(deps())).toMatchObject({ delivered: 0, retried: 0 }) // not due yet
    clock += 2 * 60_000 // past the first gap (1 minute ± 20 %)
    expect(await deliverDue(deps())).toMatchObject({ delivered: 1 })
    clock += 24 * HOUR
    expect(await deliverDue(deps())).toMatchObject({ delivered: 0, retried: 0 })
    const requests = await hook.waitFor(2)
    expect(requests).toHaveLength(2)
    expect(requests[0]!.headers[DELIVERY_HEADER.toLowerCase()]).toBe(
      requests[1]!.headers[DELIVERY_HEADER.toLowerCase()],
    )
    const [row] = await deliveriesOf(db(), m.webhookId)
    expect(row).toMatchObject({ status: 'delivered', attempts: 2 })
  })

  it('retries a receiver that never answers, after the timeout', async () => {
    const hook = await receiver('hang', { status: 200 })
    const m = await member('json', hook.url)
    await enqueueAlertWebhooks(db(), anAlert(m.who.user.id, m.followId, 'instant:3'), clock)
    expect(await deliverDue(deps())).toMatchObject({ retried: 1 })
    expect((await deliveriesOf(db(), m.webhookId))[0]!.last_error).toMatch(/no answer within 0.4 s/)
    clock += 2 * 60_000
    expect(await deliverDue(deps())).toMatchObject({ delivered: 1 })
  })

  it('sends a delivery whose response was lost again with the same delivery id, for the receiver to dedupe', async () => {
    const hook = await receiver('reset', { status: 200 })
    const m = await member('json', hook.url)
    await enqueueAlertWebhooks(db(), anAlert(m.who.user.id, m.followId, 'instant:4'), clock)
    expect(await deliverDue(deps())).toMatchObject({ retried: 1 })
    clock += 2 * 60_000
    expect(await deliverDue(deps())).toMatchObject({ delivered: 1 })
    const ids = (await hook.waitFor(2)).map((r) => r.headers[DELIVERY_HEADER.toLowerCase()])
    expect(new Set(ids).size).toBe(1)
  })

  it('honours Retry-After on a 429', async () => {
    const hook = await receiver({ status: 429, headers: { 'retry-after': '600' } }, { status: 200 })
    const m = await member('json', hook.url)
    await enqueueAlertWebhooks(db(), anAlert(m.who.user.id, m.followId, 'instant:5'), clock)
    expect(await deliverDue(deps())).toMatchObject({ retried: 1 })
    expect((await deliveriesOf(db(), m.webhookId))[0]!.next_attempt_at).toBeTruthy()
    clock += 5 * 60_000
    expect(await deliverDue(deps())).toMatchObject({ delivered: 0 })
    clock += 5 * 60_000
    expect(await deliverDue(deps())).toMatchObject({ delivered: 1 })
  })

  it('does not let a slow receiver hold up a fast one', async () => {
    const slow = await receiver({ status: 200, delayMs: 1500 })
    const fast = await receiver({ status: 200 })
    const a = await member('json', slow.url)
    const b = await member('json', fast.url)
    await enqueueAlertWebhooks(db(), anAlert(a.who.user.id, a.followId, 'instant:6'), clock) // queued first
    await enqueueAlertWebhooks(db(), anAlert(b.who.user.id, b.followId, 'instant:6'), clock)
    const started = Date.now()
    const run = deliverDue({ ...deps(), timeoutMs: 5000 })
    await fast.waitFor(1)
    const fastAt = Date.now() - started
    expect(await run).toMatchObject({ delivered: 2 })
    expect(fastAt).toBeLessThan(1000)
    expect((await deliveriesOf(db(), b.webhookId))[0]!.status).toBe('delivered')
  })

  it('fails a 410 and a 400 at once, without retrying', async () => {
    const gone = await receiver({ status: 410 })
    const bad = await receiver({ status: 400 })
    const a = await member('json', gone.url)
    const b = await member('slack', bad.url)
    await enqueueAlertWebhooks(db(), anAlert(a.who.user.id, a.followId, 'instant:7'), clock)
    await enqueueAlertWebhooks(db(), anAlert(b.who.user.id, b.followId, 'instant:7'), clock)
    expect(await deliverDue(deps())).toMatchObject({ failed: 2, retried: 0 })
    clock += 24 * HOUR
    expect(await deliverDue(deps())).toMatchObject({ failed: 0, retried: 0, delivered: 0 })
    expect(gone.received).toHaveLength(1)
    expect(bad.received).toHaveLength(1)
    expect((await deliveriesOf(db(), a.webhookId))[0]).toMatchObject({ status: 'failed', last_status_code: 410 })
  })

  it('refuses, without retrying, a name that resolves inside the network when the site does not allow it', async () => {
    const hook = await receiver({ status: 200 })
    const m = await member('json', hook.url.replace('127.0.0.1', 'localhost'))
    await enqueueAlertWebhooks(db(), anAlert(m.who.user.id, m.followId, 'instant:11'), clock)
    expect(await deliverDue({ ...deps(), allowPrivate: false })).toMatchObject({ failed: 1, retried: 0 })
    expect(hook.received).toHaveLength(0)
    expect((await deliveriesOf(db(), m.webhookId))[0]!.last_error).toContain('inside this server’s own network')
  })

  it(`turns a webhook off after ${FAILURES_TO_DISABLE} failed deliveries in a row and tells its member by email`, async () => {
    const gone = await receiver({ status: 410 })
    const m = await member('json', gone.url)
    for (let i = 0; i < FAILURES_TO_DISABLE; i++)
      await enqueueAlertWebhooks(db(), anAlert(m.who.user.id, m.followId, `instant:8-${i}`), clock)
    expect(await deliverDue(deps())).toMatchObject({ failed: FAILURES_TO_DISABLE, disabled: 1 })
    const hook = (await findWebhook(db(), m.who.user.id, m.webhookId))!
    expect(hook.enabled).toBe(false)
    expect(hook.disabledReason).toContain(`${FAILURES_TO_DISABLE} deliveries in a row failed; the last: HTTP 410`)
    const mail = await smtp.nextMessageTo(m.who.user.email)
    expect(mail.subject).toContain('turned off your webhook to 127.0.0.1:')
    expect(mail.links).toContain('https://papers.example.org/settings/webhooks')
    expect(await enqueueAlertWebhooks(db(), anAlert(m.who.user.id, m.followId, 'instant:8-next'), clock)).toBe(0)
    expect(smtp.messagesTo(m.who.user.email)).toHaveLength(1)
  })

  it('queues a batch once however often it is enqueued, and only for the webhooks that apply to its follow', async () => {
    const hook = await receiver({ status: 200 })
    const m = await member('json', hook.url)
    const otherFollow = await aFollow(db(), m.who.user.id, 'cs.CL')
    const chosen = await createWebhook(
      db(),
      m.who.user.id,
      { kind: 'json', url: hook.url, matrixRoom: null, matrixToken: null, secret: 's', followIds: [otherFollow] },
      new Date(clock).toISOString(),
    )
    const alert = anAlert(m.who.user.id, m.followId, 'instant:9')
    expect(await enqueueAlertWebhooks(db(), alert, clock)).toBe(1) // the all-follows webhook, not `chosen`
    expect(await enqueueAlertWebhooks(db(), alert, clock)).toBe(0)
    expect(await enqueueAlertWebhooks(db(), { ...alert, followId: otherFollow }, clock)).toBe(2)
    expect(await deliveriesOf(db(), chosen)).toHaveLength(1)
    expect(await deliverDue(deps())).toMatchObject({ delivered: 3 })
  })

  it("queues a run's alerts in one call, only for the members with webhooks", async () => {
    const hook = await receiver({ status: 200 })
    const m = await member('json', hook.url)
    const without = await signedInUser(db(), `${dialect}_without_${++users}`)
    const theirFollow = await aFollow(db(), without.user.id, 'cs.LG')
    const alerts = [
      anAlert(m.who.user.id, m.followId, 'instant:12'),
      anAlert(without.user.id, theirFollow, 'instant:12'),
      ...Array.from({ length: 1500 }, (_, i) => anAlert(1_000_000 + i, 1, 'instant:12')),
    ]
    expect(await enqueueAlertsWebhooks(db(), alerts, clock)).toBe(1)
    expect(await enqueueAlertsWebhooks(db(), alerts, clock)).toBe(0)
    expect(await deliverDue(deps())).toMatchObject({ delivered: 1 })
  })

  it('re-delivers a delivery whose worker died mid-request once its lease ran out, with the same delivery id', async () => {
    const hook = await receiver({ status: 200 })
    const m = await member('json', hook.url)
    await enqueueAlertWebhooks(db(), anAlert(m.who.user.id, m.followId, 'instant:10'), clock)
    // A worker claims it, then is killed before it sends or marks anything.
    const [claimed] = await claimDeliveries(
      db(),
      10,
      new Date(clock).toISOString(),
      new Date(clock + 60_000).toISOString(),
    )
    expect(claimed!.webhookId).toBe(m.webhookId)
    clock += 30_000
    expect(await deliverDue(deps())).toMatchObject({ delivered: 0 }) // the lease still holds
    expect(hook.received).toHaveLength(0)
    clock += 31_000
    expect(await deliverDue(deps())).toMatchObject({ delivered: 1 })
    const [request] = await hook.waitFor(1)
    expect(request!.headers[DELIVERY_HEADER.toLowerCase()]).toBe(claimed!.deliveryId)
    expect((await deliveriesOf(db(), m.webhookId))[0]).toMatchObject({ status: 'delivered', attempts: 2 })
    // The first worker wakes up late and marks its stale claim: what the second marked stands.
    const iso = new Date(clock).toISOString()
    await markRetry(db(), claimed!, iso, 500, 'HTTP 500', iso)
    expect(await markFailed(db(), claimed!, 410, 'HTTP 410', 1, iso)).toBe(false)
    expect((await deliveriesOf(db(), m.webhookId))[0]).toMatchObject({ status: 'delivered', attempts: 2 })
    expect(await findWebhook(db(), m.who.user.id, m.webhookId)).toMatchObject({
      enabled: true,
      lastStatus: 'delivered',
    })
  })
})
