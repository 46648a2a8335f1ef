import pino from 'pino'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import { createApp } from '../src/app.js'
import { createRateLimits } from '../src/platform/http/rate-limit.js'
import type { WebhookTables } from '../src/webhooks/schema.js'
import { isValidSignature, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../src/webhooks/signing.js'
import { enqueueAlertWebhooks } from '../src/webhooks/enqueue.js'
import { findWebhook, listWebhooks } from '../src/webhooks/store.js'
import { deliverDue, FAILURES_TO_DISABLE } from '../src/webhooks/worker.js'
import { formPost, type SignedIn, signedInUser } from './support/accounts.js'
import { BASE_URL, config } from './support/community-app.js'
import { describeEachDatabase } from './support/db.js'
import { textOf } from './support/html.js'
import { type SmtpSink, startSmtpSink } from './support/smtp.js'
import { type Receiver, startReceiver } from './support/webhook-receiver.js'
import { aFollow, anAlert } from './support/webhooks.js'

/** /settings/webhooks: adding (with hostile input), testing, turning off and on, new secrets, deleting; only one's own. */
const PATH = '/settings/webhooks'

/** What the form may receive: NUL, lone surrogates, 10 KB, SQL, markup and schemes that are not the web's. */
const HOSTILE = [
  'https://example.org/\u0000hook',
  'https://example.org/\uD800',
  `https://example.org/${'a'.repeat(10_000)}`,
  "https://example.org/'; drop table webhooks; --",
  "'; drop table webhooks; --",
  'https://example.org/<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(document.cookie)',
  'data:text/html,<script>alert(1)</script>',
  'https://ex\u0000ample.org/',
  'x'.repeat(10_000),
]

let smtp: SmtpSink
let hook: Receiver
let failing: Receiver
beforeAll(async () => {
  smtp = await startSmtpSink()
  hook = await startReceiver({ status: 200 })
  failing = await startReceiver({ status: 500 })
})
afterAll(async () => {
  await Promise.all([hook.close(), failing.close(), smtp.close()])
})

describeEachDatabase('webhook settings', (db, dialect) => {
  let app: ReturnType<typeof createApp>
  let ada: SignedIn
  let bob: SignedIn
  beforeAll(async () => {
    // The receivers listen on 127.0.0.1, which the site refuses unless it is told otherwise.
    vi.stubEnv('WEBHOOKS_ALLOW_PRIVATE', 'true')
    app = createApp({
      config,
      db: db(),
      logger: pino({ level: 'silent' }),
      mailer: smtp.mailer,
      rateLimits: createRateLimits(),
    })
    vi.unstubAllEnvs()
    ada = await signedInUser(db(), `${dialect}_ada`)
    bob = await signedInUser(db(), `${dialect}_bob`)
  })
  const post = (path: string, fields: Record<string, string>, who?: SignedIn) =>
    app.request(path, formPost(BASE_URL, fields, who))
  const page = async (who: SignedIn) => (await app.request(PATH, { headers: { cookie: who.cookie } })).text()
  const secretIn = (html: string) => /whsec_[A-Za-z0-9_-]{43}/.exec(html)?.[0]
  const add = async (who: SignedIn, fields: Record<string, string>) => {
    const res = await post(PATH, fields, who)
    expect(res.status).toBe(200)
    const hooks = await listWebhooks(db(), who.user.id)
    return { html: await res.text(), id: hooks.at(-1)!.id }
  }
  const storedSecret = async (id: number) =>
    (
      await db()
        .kysely.withTables<WebhookTables>()
        .selectFrom('webhooks')
        .select('secret')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).secret

  it('sends a reader who is not signed in to log in', async () => {
    const res = await app.request(PATH)
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/login?next=%2Fsettings%2Fwebhooks')
  })

  it('is linked from the settings page', async () => {
    const settings = await (await app.request('/settings', { headers: { cookie: ada.cookie } })).text()
    expect(settings).toContain('<a href="/settings/webhooks">your webhooks</a>')
  })

  it('adds a webhook and shows its signing secret once', async () => {
    expect(textOf(await page(ada))).toContain('You have no webhooks yet.')
    const { html, id } = await add(ada, { kind: 'json', url: hook.url })
    const secret = secretIn(html)
    expect(secret).toBeDefined()
    expect(await storedSecret(id)).toBe(secret)
    const again = await page(ada)
    expect(secretIn(again)).toBeUndefined()
    expect(textOf(again)).toMatch(
      /JSON · 127\.0\.0\.1:\d+\/hook\/… On · for all your follows · added .* Nothing sent yet\./,
    )
  })

  it('refuses a form without its CSRF token', async () => {
    const res = await app.request(
      PATH,
      formPost(BASE_URL, { kind: 'json', url: hook.url, _csrf: 'forged' }, { ...ada, csrf: 'forged' }),
    )
    expect(res.status).toBe(403)
  })

  it('answers hostile addresses, room ids and tokens with 400 and a message or stores them percent-encoded, never 500', async () => {
    for (const url of HOSTILE) {
      const res = await post(PATH, { kind: 'slack', url }, ada)
      expect([200, 400], url).toContain(res.status)
      if (res.status === 400) expect(textOf(await res.text()), url).toContain('The webhook was not added: see below.')
    }
    const refused = async (url: string) => textOf(await (await post(PATH, { kind: 'json', url }, ada)).text())
    expect(await refused('javascript:alert(1)')).toContain('The address must start with https:// or http://')
    expect(await refused('https://example.org/\u0000hook')).toContain('The address holds spaces or control characters.')
    expect(await refused(`https://example.org/${'a'.repeat(10_000)}`)).toContain('longer than 2048 characters')
    expect(await refused("';drop_table_webhooks;--")).toContain('That is not a web address')
    for (const room of HOSTILE) {
      const res = await post(
        PATH,
        { kind: 'matrix', url: 'https://matrix.example.org', matrix_room: room, matrix_token: room },
        ada,
      )
      expect(res.status, room).toBe(400)
    }
    expect((await post(PATH, { kind: 'gopher', url: hook.url }, ada)).status).toBe(400)
    // What was taken is stored as a plain ASCII address, and the page shows only its host.
    for (const h of await listWebhooks(db(), ada.user.id)) expect(h.url).toMatch(/^https?:\/\/[\x21-\x7e]+$/)
    for (const h of await listWebhooks(db(), ada.user.id)) expect(h.url).not.toMatch(/[<>'"]/)
    expect(await page(ada)).not.toMatch(/<script>alert|<img src=x/)
  })

  it('refuses an internal address unless the site allows them', async () => {
    const strict = createApp({
      config,
      db: db(),
      logger: pino({ level: 'silent' }),
      mailer: smtp.mailer,
      rateLimits: createRateLimits(),
    })
    const res = await strict.request(
      PATH,
      formPost(BASE_URL, { kind: 'json', url: 'http://169.254.169.254/latest' }, ada),
    )
    expect(res.status).toBe(400)
    expect(textOf(await res.text())).toContain('inside this server’s own network')
  })

  it('sends a signed test and shows how it went', async () => {
    const { html, id } = await add(bob, { kind: 'json', url: hook.url })
    const secret = secretIn(html)!
    const before = hook.received.length
    const res = await post(`${PATH}/${id}/test`, {}, bob)
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`${PATH}?done=tested#webhook-${id}`)
    const request = (await hook.waitFor(before + 1))[before]!
    const ts = Number(request.headers[TIMESTAMP_HEADER.toLowerCase()])
    expect(isValidSignature(secret, ts, request.body, request.headers[SIGNATURE_HEADER.toLowerCase()] as string)).toBe(
      true,
    )
    expect(JSON.parse(request.body).papers[0].title).toBe('Attention Is All You Need')
    const text = textOf(
      await (await app.request(res.headers.get('location')!, { headers: { cookie: bob.cookie } })).text(),
    )
    expect(text).toContain('Test sent.')
    expect(text).toMatch(/Last delivery arrived/)

    const bad = await add(bob, { kind: 'slack', url: failing.url })
    await post(`${PATH}/${bad.id}/test`, {}, bob)
    expect(textOf(await page(bob))).toMatch(/Last delivery failed .*: HTTP 500: ok/)
    expect((await findWebhook(db(), bob.user.id, bad.id))!.enabled).toBe(true) // a test never counts
  })

  it('turns a webhook off and on, makes a new secret, and deletes it', async () => {
    const { html, id } = await add(ada, { kind: 'discord', url: hook.url })
    const first = secretIn(html)!
    expect((await post(`${PATH}/${id}/disable`, {}, ada)).headers.get('location')).toBe(
      `${PATH}?done=disabled#webhook-${id}`,
    )
    expect((await findWebhook(db(), ada.user.id, id))!.enabled).toBe(false)
    await post(`${PATH}/${id}/enable`, {}, ada)
    expect((await findWebhook(db(), ada.user.id, id))!.enabled).toBe(true)
    const rotated = await post(`${PATH}/${id}/rotate`, {}, ada)
    const second = secretIn(await rotated.text())!
    expect(second).not.toBe(first)
    expect(await storedSecret(id)).toBe(second)
    expect((await post(`${PATH}/${id}/delete`, {}, ada)).headers.get('location')).toBe(`${PATH}?done=deleted`)
    expect(await findWebhook(db(), ada.user.id, id)).toBeNull()
    expect((await post(`${PATH}/${id}/delete`, {}, ada)).status).toBe(404)
  })

  it("does not let a member touch another member's webhook", async () => {
    const { id } = await add(ada, { kind: 'json', url: hook.url })
    for (const action of ['test', 'disable', 'rotate', 'delete'])
      expect((await post(`${PATH}/${id}/${action}`, {}, bob)).status).toBe(404)
    expect(await findWebhook(db(), ada.user.id, id)).not.toBeNull()
    expect((await post(`${PATH}/abc/delete`, {}, ada)).status).toBe(404)
  })

  it('applies a webhook to chosen follows only, and never to another member’s', async () => {
    const mine = await aFollow(db(), ada.user.id, 'cs.CV')
    const theirs = await aFollow(db(), bob.user.id, 'cs.CV')
    expect(textOf(await page(ada))).toContain('cs.CV (category)')
    const none = await post(PATH, { kind: 'json', url: hook.url, applies: 'chosen' }, ada)
    expect(none.status).toBe(400)
    expect(textOf(await none.text())).toContain('Choose at least one follow, or all of them.')
    const { id } = await add(ada, {
      kind: 'json',
      url: hook.url,
      applies: 'chosen',
      [`follow-${mine}`]: 'on',
      [`follow-${theirs}`]: 'on',
    })
    expect((await findWebhook(db(), ada.user.id, id))!.followIds).toEqual([mine])
    expect(textOf(await page(ada))).toContain('for cs.CV')
    // Changed later: back to all follows, then to the chosen one again; none chosen is refused.
    expect((await post(`${PATH}/${id}/follows`, { applies: 'all' }, ada)).headers.get('location')).toBe(
      `${PATH}?done=follows#webhook-${id}`,
    )
    expect(await findWebhook(db(), ada.user.id, id)).toMatchObject({ allFollows: true, followIds: [] })
    await post(`${PATH}/${id}/follows`, { applies: 'chosen', [`follow-${mine}`]: 'on' }, ada)
    expect(await findWebhook(db(), ada.user.id, id)).toMatchObject({ allFollows: false, followIds: [mine] })
    expect((await post(`${PATH}/${id}/follows`, { applies: 'chosen' }, ada)).status).toBe(400)
    expect((await post(`${PATH}/${id}/follows`, { applies: 'all' }, bob)).status).toBe(404)
  })

  it(`shows a banner, and sends one email, when ${FAILURES_TO_DISABLE} failures turn a webhook off`, async () => {
    const carol = await signedInUser(db(), `${dialect}_carol`)
    const follow = await aFollow(db(), carol.user.id, 'cs.LG')
    const gone = await startReceiver({ status: 410 })
    try {
      const { id } = await add(carol, { kind: 'json', url: gone.url })
      for (let i = 0; i < FAILURES_TO_DISABLE; i++)
        await enqueueAlertWebhooks(db(), anAlert(carol.user.id, follow, `b${i}`))
      const deps = {
        db: db(),
        mailer: smtp.mailer,
        logger: pino({ level: 'silent' }),
        site: { name: 'Paperboy', baseUrl: BASE_URL },
        allowPrivate: true,
      }
      expect(await deliverDue(deps)).toMatchObject({ disabled: 1 })
      const text = textOf(await page(carol))
      expect(text).toMatch(
        /Your webhook to 127\.0\.0\.1:\d+\/hook\/… was turned off\. Why: 5 deliveries in a row failed; the last: HTTP 410/,
      )
      expect(text).toContain('Turn on')
      expect((await smtp.nextMessageTo(carol.user.email)).subject).toBe(
        'Paperboy turned off your webhook to ' + `127.0.0.1:${new URL(gone.url).port}/hook/…`,
      )
      await post(`${PATH}/${id}/enable`, {}, carol)
      expect(textOf(await page(carol))).not.toContain('was turned off')
    } finally {
      await gone.close()
    }
  })
})
