import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { simpleParser } from 'mailparser'
import pino from 'pino'
import { beforeEach, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { createMailer } from '../src/platform/mail/mailer.js'
import { createRateLimits } from '../src/platform/http/rate-limit.js'
import { upsertPapers } from '../src/papers/upsert.js'
import { describeEachDatabase } from './support/db.js'
import { textOf } from './support/html.js'

const BASE_URL = 'https://papers.example.org'
const logger = pino({ level: 'silent' })

/**
 * Subscribing to the digest, as a reader does it: the header form, the email (built by nodemailer
 * exactly as it would be sent and written to the outbox folder), its link, the button; then the
 * preferences and unsubscribe pages the digest emails link to.
 */
describeEachDatabase('digest subscriptions', (db) => {
  let app: ReturnType<typeof createApp>
  let outbox: string
  let read = 0
  let clock = Date.parse('2026-08-24T09:00:00.000Z')

  beforeEach(() => {
    outbox = mkdtempSync(join(tmpdir(), 'paperboy-outbox-'))
    read = 0
    const config = loadConfig({ BASE_URL, LOG_LEVEL: 'silent' })
    const mailer = createMailer(
      { smtpUrl: null, from: null, outboxDir: outbox },
      '"Paperboy" <no-reply@papers.example.org>',
      logger,
    )
    app = createApp({ config, db: db(), logger, mailer, rateLimits: createRateLimits(), now: () => clock })
  })

  const form = (fields: Record<string, string>) => ({
    method: 'POST',
    body: new URLSearchParams(fields).toString(),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: BASE_URL },
  })
  const request = (path: string, init?: RequestInit) => app.request(`${BASE_URL}${path}`, init)
  /** The next email written to the outbox, parsed as a mail client would. */
  async function nextMail() {
    const files = readdirSync(outbox).sort()
    expect(files.length).toBeGreaterThan(read)
    return simpleParser(readFileSync(join(outbox, files[read++]!)))
  }
  const linkIn = (text: string, path: string) =>
    new RegExp(`${BASE_URL}${path}[^\\s]*`).exec(text)![0].slice(BASE_URL.length)

  async function subscribe(email: string): Promise<string> {
    const res = await request('/subscribe', form({ email }))
    expect(res.status).toBe(200)
    expect(textOf(await res.text())).toContain('Check your inbox')
    const mail = await nextMail()
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe(email)
    return mail.text!
  }

  async function confirm(text: string): Promise<string> {
    const link = linkIn(text, '/digest/confirm')
    const page = await request(link)
    expect(page.status).toBe(200) // a GET (a mail scanner's, say) changes nothing
    const token = new URL(link, BASE_URL).searchParams.get('token')!
    const done = await request('/digest/confirm', form({ token }))
    expect(done.status).toBe(303)
    return done.headers.get('location')!
  }

  it('subscribes only once the emailed link’s button is pressed, then opens the preferences', async () => {
    const text = await subscribe('reader@lab.org')
    expect(text).toContain('Confirm the subscription')
    const preferences = await confirm(text)
    expect(preferences).toMatch(/^\/digest\/preferences\?s=\d+\.[\w-]{22}&welcome=1$/)
    const page = textOf(await (await request(preferences)).text())
    expect(page).toContain('You are subscribed')
    expect(page).toContain('reader@lab.org')
  })

  it('answers a known address exactly as a new one, and tells its owner by email instead', async () => {
    await confirm(await subscribe('known@lab.org'))
    const again = await request('/subscribe', form({ email: 'Known@Lab.org' }))
    const fresh = await request('/subscribe', form({ email: 'fresh@lab.org' }))
    expect(again.status).toBe(fresh.status)
    expect(textOf(await again.text()).replace('Known@Lab.org', 'X')).toBe(
      textOf(await fresh.text()).replace('fresh@lab.org', 'X'),
    )
    expect((await nextMail()).subject).toMatch(/already subscribed/)
    expect((await nextMail()).subject).toMatch(/Confirm your/)
  })

  it('uses a confirmation link once, and not after seven days', async () => {
    const text = await subscribe('once@lab.org')
    await confirm(text)
    const token = new URL(linkIn(text, '/digest/confirm'), BASE_URL).searchParams.get('token')!
    expect((await request('/digest/confirm', form({ token }))).status).toBe(400)
    expect((await request('/digest/confirm', form({ token: 'made-up' }))).status).toBe(400)
    const late = await subscribe('late@lab.org')
    clock += 8 * 86_400_000
    const token2 = new URL(linkIn(late, '/digest/confirm'), BASE_URL).searchParams.get('token')!
    expect((await request('/digest/confirm', form({ token: token2 }))).status).toBe(400)
    // Asking again sends a new link that works.
    expect((await confirm(await subscribe('late@lab.org'))).startsWith('/digest/preferences')).toBe(true)
  })

  it('saves preferences from the signed link, and says what is wrong with a bad choice', async () => {
    const preferences = (await confirm(await subscribe('prefs@lab.org'))).replace('&welcome=1', '')
    const saved = await request(
      preferences,
      form({ frequency: 'weekly', categories: 'cs.LG, cs.CL', keywords: 'diffusion Agents', max_papers: '20' }),
    )
    expect(saved.status).toBe(200)
    const html = await saved.text()
    expect(textOf(html)).toContain('Saved.')
    expect(html).toContain('value="cs.LG cs.CL"')
    expect(html).toContain('value="diffusion agents"')
    const bad = await request(preferences, form({ frequency: 'hourly', categories: '<script>', max_papers: '500' }))
    expect(bad.status).toBe(400)
    const text = textOf(await bad.text())
    expect(text).toContain('Choose daily or weekly.')
    expect(text).toContain('Choose between 5 and 50 papers.')
  })

  it('refuses links it did not sign, and NUL bytes, with 4xx pages', async () => {
    expect((await request('/digest/preferences?s=1.AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404)
    expect((await request('/digest/preferences?s=nonsense')).status).toBe(404)
    expect((await request('/digest/unsubscribe?s=1.AAAAAAAAAAAAAAAAAAAAAA', { method: 'POST' })).status).toBe(404)
    expect((await request('/subscribe', form({ email: 'a\u0000@lab.org' }))).status).toBe(400)
  })

  it('unsubscribes with one POST from a mail provider (RFC 8058), no cookie, form token or origin', async () => {
    const preferences = await confirm(await subscribe('leaving@lab.org'))
    const token = new URL(preferences, BASE_URL).searchParams.get('s')!
    const res = await request(`/digest/unsubscribe?s=${token}`, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    })
    expect(res.status).toBe(200)
    expect(textOf(await (await request(`/digest/preferences?s=${token}`)).text())).toContain('not subscribed')
    // And subscribing again asks for confirmation again.
    expect(await subscribe('leaving@lab.org')).toContain('Confirm the subscription')
  })

  it('shows the next digest in the browser, everyone’s or a subscriber’s own, and no script may run there', async () => {
    await upsertPapers(db(), [
      {
        id: '2608.77701',
        title: 'A Featured Language Paper',
        categories: ['cs.CL'],
        featuring: {
          featuredOn: '2026-08-21',
          source: 'hf',
          position: 1,
          submittedBy: null,
          submittedAt: '2026-08-21T06:00:00.000Z',
        },
      },
      {
        id: '2608.77702',
        title: 'A Featured Vision Paper',
        categories: ['cs.CV'],
        featuring: {
          featuredOn: '2026-08-21',
          source: 'hf',
          position: 2,
          submittedBy: null,
          submittedAt: '2026-08-21T06:00:00.000Z',
        },
      },
    ])
    const everyone = await request('/digest/preview')
    expect(everyone.status).toBe(200)
    expect(everyone.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'unsafe-inline'/)
    const all = textOf(await everyone.text())
    expect(all).toContain('A Featured Language Paper')
    expect(all).toContain('A Featured Vision Paper')
    const preferences = (await confirm(await subscribe('vision@lab.org'))).replace('&welcome=1', '')
    await request(preferences, form({ frequency: 'daily', categories: 'cs.CV', max_papers: '10' }))
    const own = textOf(await (await request(preferences.replace('/digest/preferences', '/digest/preview'))).text())
    expect(own).toContain('A Featured Vision Paper')
    expect(own).not.toContain('A Featured Language Paper')
  })

  it('takes bounce and complaint notices from a mail provider that knows the shared secret', async () => {
    const secret = 'the-provider-shared-secret-0123456789'
    process.env.BOUNCE_HOOK_SECRET = secret
    const hooked = createApp({
      config: loadConfig({ BASE_URL, LOG_LEVEL: 'silent' }),
      db: db(),
      logger,
      mailer: createMailer({ smtpUrl: null, from: null, outboxDir: outbox }, 'x@papers.example.org', logger),
    })
    delete process.env.BOUNCE_HOOK_SECRET
    const hook = (body: unknown, auth?: string) =>
      hooked.request(`${BASE_URL}/hooks/bounce`, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json', ...(auth && { authorization: `Bearer ${auth}` }) },
      })
    const bounced = (await confirm(await subscribe('bounced@lab.org'))).replace('&welcome=1', '')
    const complained = (await confirm(await subscribe('complained@lab.org'))).replace('&welcome=1', '')
    expect((await hook({ email: 'bounced@lab.org', type: 'bounce' })).status).toBe(401)
    expect((await hook({ email: 'bounced@lab.org', type: 'bounce' }, 'wrong-secret')).status).toBe(401)
    expect((await hook({ email: 'bounced@lab.org', type: 'sideways' }, secret)).status).toBe(400)
    expect(await (await hook({ email: 'Bounced@Lab.org', type: 'bounce' }, secret)).json()).toEqual({ changed: true })
    expect(await (await hook({ email: 'complained@lab.org', type: 'complaint' }, secret)).json()).toEqual({
      changed: true,
    })
    expect(await (await hook({ email: 'nobody@lab.org', type: 'bounce' }, secret)).json()).toEqual({ changed: false })
    for (const link of [bounced, complained])
      expect(textOf(await (await request(link)).text())).toContain('not subscribed')
    // Without the setting the hook does not exist.
    expect(
      (await request('/hooks/bounce', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }))
        .status,
    ).toBe(404)
  })

  it('refuses header injection in the address', async () => {
    for (const email of ['a@lab.org\r\nBcc: victim@example.org', 'a@lab.org\nSubject: hi', '"a\r\n"@lab.org']) {
      expect((await request('/subscribe', form({ email }))).status).toBe(400)
    }
    expect(readdirSync(outbox)).toEqual([])
  })

  it('limits how many addresses one network subscribes in an hour', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 12; i++) statuses.push((await request('/subscribe', form({ email: `r${i}@lab.org` }))).status)
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(200))
    expect(statuses.slice(10)).toEqual([429, 429])
  })
})
