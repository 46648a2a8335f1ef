import fc from 'fast-check'
import pino from 'pino'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { sendDigests } from '../src/digest/sender.js'
import { signSubscription } from '../src/digest/signed-links.js'
import { getSubscription } from '../src/digest/store.js'
import type { Mailer } from '../src/platform/mail/mailer.js'
import { siteSecret } from '../src/platform/secrets.js'
import { describeEachDatabase } from './support/db.js'
import { dkimSigning } from './support/dkim.js'
import { confirmedSubscriber, oneFeaturedPaper } from './support/digest.js'
import { anyQueryText } from './support/hostile-text.js'
import { type SmtpSink, startSmtpSink } from './support/smtp.js'

const BASE_URL = 'https://papers.example.org'
const SITE = { name: 'Paperboy', baseUrl: BASE_URL }
const MONDAY = Date.parse('2026-08-24T08:00:00.000Z')
const SECRET = 'the-provider-shared-secret-0123456789'
const MAILBOX = 'unsubscribe@papers.example.org'
const logger = pino({ level: 'silent' })

/**
 * Leaving the digest from the email itself: the mailto List-Unsubscribe (signed, unfolded, its
 * recipient handed back by the provider's inbound hook), and the one-click POST taking effect in
 * the middle of a run. Real SMTP server, both databases.
 */
describeEachDatabase('unsubscribing from a digest email', (db) => {
  let smtp: SmtpSink
  let app: ReturnType<typeof createApp>

  beforeEach(async () => {
    smtp = await startSmtpSink()
    await oneFeaturedPaper(db(), {
      id: '2608.70001',
      title: 'A Paper Worth Reading',
      abstract: 'About a paper worth reading.',
    })
    process.env.BOUNCE_HOOK_SECRET = SECRET
    app = createApp({ config: loadConfig({ BASE_URL, LOG_LEVEL: 'silent' }), db: db(), logger, mailer: smtp.mailer })
    delete process.env.BOUNCE_HOOK_SECRET
  })
  afterEach(() => smtp.close())

  const subscriber = (email: string) => confirmedSubscriber(db(), email, MONDAY)
  const inbound = (body: unknown, secret = SECRET) =>
    app.request(`${BASE_URL}/hooks/unsubscribe-mail`, {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${secret}` },
    })

  it('names an https and a mailto address in one DKIM-signed, unfolded List-Unsubscribe; mailing it unsubscribes', async () => {
    const { mailer: signing, verify } = dkimSigning(smtp.url)
    const id = await subscriber('reader@lab.org')
    const deps = { db: db(), mailer: signing, logger, site: SITE, unsubscribeMailbox: MAILBOX }
    try {
      expect(await sendDigests(deps, 'daily', MONDAY)).toMatchObject({ sent: 1 })
    } finally {
      signing.close()
    }
    const mail = await smtp.nextMessageTo('reader@lab.org')
    const raw = mail.raw.toString('latin1')
    const header = /^List-Unsubscribe: (.*)\r\n(?![ \t])/m.exec(raw)
    expect(header, 'one unfolded line').not.toBeNull()
    const [https, mailto] = header![1]!.split(', ')
    expect(https).toMatch(/^<https:\/\/papers\.example\.org\/digest\/unsubscribe\?s=\d+\.[\w-]{22}>$/)
    expect(mailto).toMatch(/^<mailto:unsubscribe\+\d+-[0-9a-f]{32}@papers\.example\.org\?subject=unsubscribe>$/)
    expect(raw).toContain('\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n')

    const verdict = await verify(mail.raw)
    expect(verdict.result).toBe('pass')
    expect(verdict.signedHeaders).toContain('list-unsubscribe')
    expect(verdict.signedHeaders).toContain('list-unsubscribe-post')

    // The reader's client mails the address; the provider's inbound hook hands us its recipient,
    // in whatever case its system wrote it.
    const recipient = /^<mailto:([^?]+)\?/.exec(mailto!)![1]!
    expect((await inbound({ recipient }, 'a-wrong-secret-of-enough-length')).status).toBe(401)
    expect(await (await inbound({ recipient: `Reader <${recipient.toUpperCase()}>` })).json()).toEqual({
      changed: true,
    })
    expect((await getSubscription(db(), id))!.status).toBe('unsubscribed')
    expect(await (await inbound({ recipient })).json()).toEqual({ changed: false })
    expect(await sendDigests({ ...deps, mailer: smtp.mailer }, 'daily', MONDAY + 86_400_000)).toMatchObject({
      sent: 0,
    })
  })

  it('names no mailto without a mailbox: one that reached nobody would unsubscribe nobody', async () => {
    await subscriber('plain@lab.org')
    await sendDigests({ db: db(), mailer: smtp.mailer, logger, site: SITE }, 'daily', MONDAY)
    const mail = await smtp.nextMessageTo('plain@lab.org')
    expect(mail.raw.toString('latin1')).toMatch(/\r\nList-Unsubscribe: <https:[^>]+>\r\n/)
  })

  it('unsubscribes nobody for a forged, foreign or hostile recipient, and never fails with a 500', async () => {
    const id = await subscriber('kept@lab.org')
    const secret = await siteSecret(db(), 'digest-links')
    const forged = `unsubscribe+${id}-${'0'.repeat(32)}@papers.example.org`
    const web = `unsubscribe+${signSubscription(secret, id)}@papers.example.org` // the https token is not the mail one
    const named = [forged, web, 'unsubscribe@papers.example.org', 'kept@lab.org', `unsubscribe+${id}-\u0000@x.org`]
    const tryOne = async (recipient: string) => {
      const res = await inbound({ recipient })
      expect([200, 400, 413]).toContain(res.status)
      if (res.status === 200) expect(await res.json()).toEqual({ changed: false })
    }
    for (const recipient of named) await tryOne(recipient)
    await fc.assert(
      fc.asyncProperty(anyQueryText, async (text) => {
        await tryOne(text)
        await tryOne(`unsubscribe+${text}@papers.example.org`)
      }),
      { numRuns: 40 },
    )
    for (const body of ['{', '[]', '{"recipient": 7}', JSON.stringify({ recipient: 'x'.repeat(10_000) })])
      expect((await inbound(body)).status).toBe(400)
    expect((await getSubscription(db(), id))!.status).toBe('active')
  })

  it('takes a one-click unsubscribe into account before the next message of a run in progress', async () => {
    const ids: number[] = []
    // 60 subscribers: the sender claims 50 at a time in id order, so the last is claimed after the
    // first message went (within a claim PostgreSQL returns rows in no set order).
    for (let i = 0; i < 60; i++) ids.push(await subscriber(`r${i}@lab.org`))
    const last = ids.at(-1)!
    const token = signSubscription(await siteSecret(db(), 'digest-links'), last)
    // The last subscriber presses "Unsubscribe" in their mail client while the run sends the first digest.
    let pressed = false
    const mailer: Mailer = {
      async send(message) {
        const sent = await smtp.mailer.send(message)
        if (!pressed) {
          pressed = true
          const res = await app.request(`${BASE_URL}/digest/unsubscribe?s=${token}`, {
            method: 'POST',
            body: 'List-Unsubscribe=One-Click',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
          })
          expect(res.status).toBe(200)
        }
        return sent
      },
      close: () => {},
    }
    expect(await sendDigests({ db: db(), mailer, logger, site: SITE }, 'daily', MONDAY)).toMatchObject({
      sent: 59,
      skipped: 1,
    })
    expect(smtp.messagesTo('r59@lab.org')).toEqual([])
    expect((await getSubscription(db(), last))!.status).toBe('unsubscribed')
  })
})
