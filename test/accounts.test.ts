import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findUserByName } from '../src/community/accounts/store.js'
import type { AccountTables } from '../src/community/schema.js'
import { FormBrowser, accountApp, signUpConfirmed, testClock, tokenOf } from './support/account-site.js'
import { describeEachDatabase } from './support/db.js'
import { textOf } from './support/html.js'
import { type SmtpSink, startSmtpSink } from './support/smtp.js'

const PASSWORD = 'violet tensors hum at dawn'
const HOUR = 3_600_000

/** The path and query of a link in an email (the tests talk to the app, not to a host). */
const pathOf = (link: string) => {
  const url = new URL(link)
  return `${url.pathname}${url.search}`
}

describeEachDatabase('accounts over HTTP', (db) => {
  let smtp: SmtpSink
  let app: ReturnType<typeof accountApp>
  const clock = testClock()
  const browser = () => new FormBrowser(app)

  beforeAll(async () => {
    smtp = await startSmtpSink()
    app = accountApp(db(), { mailer: smtp.mailer, clock })
  })
  afterAll(async () => {
    await smtp.close()
  })

  const signUp = (username: string, email?: string) =>
    signUpConfirmed(app, smtp, username, { email, password: PASSWORD })

  describe('sign-up', () => {
    it('mails a link that confirms the address once and signs the reader in', async () => {
      const b = browser()
      const res = await b.post('/signup', { username: 'ada', email: 'Ada@Lab.example.org', password: PASSWORD })
      expect(res.status).toBe(200)
      expect(textOf(await res.text())).toContain('We sent an email to Ada@Lab.example.org')
      expect(b.signedIn).toBe(false)

      const mail = await smtp.nextMessageTo('ada@lab.example.org')
      expect(mail.subject).toMatch(/Confirm your email address/)
      const link = mail.links.find((l) => l.includes('/account/verify?token='))!
      expect(link.startsWith('https://papers.example.org/')).toBe(true)

      // Opening the link (or a mail scanner fetching it) changes nothing: it shows a button.
      const page = await b.get(pathOf(link))
      expect(page.status).toBe(200)
      expect(await page.text()).toContain('Confirm my address')
      expect((await findUserByName(db(), 'ada'))!.emailVerified).toBe(false)

      const confirmed = await b.post('/account/verify', { token: tokenOf(link) })
      expect(confirmed.status).toBe(303)
      expect(confirmed.headers.get('location')).toBe('/?welcome=1')
      expect(b.signedIn).toBe(true)
      expect((await findUserByName(db(), 'ada'))!.emailVerified).toBe(true)
      expect(textOf(await (await b.get('/settings')).text())).toContain('Signed in as ada')

      const again = await browser().post('/account/verify', { token: tokenOf(link) })
      expect(again.status).toBe(400)
      expect(textOf(await again.text())).toContain('This link does not work any more')
    })

    it('says what is wrong with each field and keeps what was typed', async () => {
      const res = await browser().post('/signup', { username: '9lives', email: 'not-an-address', password: 'short' })
      expect(res.status).toBe(400)
      const html = await res.text()
      const text = textOf(html)
      expect(text).toContain('A username starts with a letter')
      expect(text).toContain('Enter an email address like you@lab.org.')
      expect(text).toContain('Use at least 8 characters')
      expect(html).toContain('value="9lives"')
      expect(html).not.toContain('value="short"') // a password is never sent back
    })

    it('refuses a common password and one that is the username', async () => {
      const common = await browser().post('/signup', {
        username: 'bob',
        email: 'bob@lab.example.org',
        password: 'iloveyou2',
      })
      expect(common.status).toBe(400)
      expect(textOf(await common.text())).toContain('one of the most common ones')
      const same = await browser().post('/signup', {
        username: 'Bobby_Tables',
        email: 'b@lab.example.org',
        password: 'bobby_tables',
      })
      expect(same.status).toBe(400)
      expect(textOf(await same.text())).toContain('must not be your username or email address')
    })

    it('says a username is taken, whatever its case', async () => {
      const res = await browser().post('/signup', {
        username: 'ADA',
        email: 'other@lab.example.org',
        password: PASSWORD,
      })
      expect(res.status).toBe(409)
      expect(textOf(await res.text())).toContain('That username is taken')
    })

    it('answers an address that has an account exactly as a new one, and mails its owner instead', async () => {
      const users = () => db().kysely.withTables<AccountTables>().selectFrom('users').select('id').execute()
      const before = (await users()).length
      const taken = await browser().post('/signup', {
        username: 'ada2',
        email: 'ADA@lab.example.org',
        password: PASSWORD,
      })
      const fresh = await browser().post('/signup', { username: 'cy', email: 'cy@lab.example.org', password: PASSWORD })
      expect(taken.status).toBe(fresh.status)
      const page = (res: string, email: string) => textOf(res).replace(email, 'EMAIL')
      expect(page(await taken.text(), 'ADA@lab.example.org')).toBe(page(await fresh.text(), 'cy@lab.example.org'))
      expect((await users()).length).toBe(before + 1) // cy only
      const note = await smtp.nextMessageTo('ada@lab.example.org')
      expect(note.subject).toMatch(/already have an account/)
      expect(note.links).toContain('https://papers.example.org/account/reset')
      await smtp.nextMessageTo('cy@lab.example.org')
    })

    it('lets a verification link expire after 24 hours', async () => {
      await browser().post('/signup', { username: 'dora', email: 'dora@lab.example.org', password: PASSWORD })
      const link = (await smtp.nextMessageTo('dora@lab.example.org')).links[0]!
      clock.advance(25 * HOUR)
      const res = await browser().post('/account/verify', { token: tokenOf(link) })
      expect(res.status).toBe(400)
      expect((await findUserByName(db(), 'dora'))!.emailVerified).toBe(false)
    })

    it('refuses a form whose honeypot a bot filled in', async () => {
      const res = await browser().post('/signup', {
        username: 'botty',
        email: 'bot@spam.example',
        password: PASSWORD,
        website: 'http://spam.example',
      })
      expect(res.status).toBe(400)
      expect(await findUserByName(db(), 'botty')).toBeNull()
    })
  })

  describe('log-in and log-out', () => {
    beforeAll(async () => {
      await signUp('erin', 'Erin@Lab.example.org')
    })

    it('logs in by username or by email, in any case, and goes back where the reader was', async () => {
      for (const login of ['erin', 'ERIN', 'erin@lab.example.org', ' Erin@LAB.example.org ']) {
        const b = browser()
        const res = await b.post('/login', { login, password: PASSWORD, next: '/papers/2608.19880' })
        expect(res.status, login).toBe(303)
        expect(res.headers.get('location')).toBe('/papers/2608.19880')
        expect(b.signedIn).toBe(true)
      }
    })

    it('never sends the reader to another site after logging in', async () => {
      for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
        const res = await browser().post('/login', { login: 'erin', password: PASSWORD, next })
        expect(res.headers.get('location'), next).toBe('/')
      }
    })

    it('ends the session a browser had when it logs in again', async () => {
      const b = browser()
      await b.post('/login', { login: 'erin', password: PASSWORD })
      const first = new Map(b.cookies)
      await b.post('/login', { login: 'erin', password: PASSWORD })
      const old = browser()
      for (const [k, v] of first) old.cookies.set(k, v)
      expect((await old.get('/settings')).status).toBe(303)
      expect((await b.get('/settings')).status).toBe(200)
    })

    it('answers a wrong password and an unknown account alike', async () => {
      const wrong = await browser().post('/login', { login: 'erin', password: 'not her password' })
      const unknown = await browser().post('/login', { login: 'nobody', password: 'not her password' })
      expect(wrong.status).toBe(400)
      expect(unknown.status).toBe(400)
      const page = async (res: Response, login: string) => textOf(await res.text()).replace(login, 'LOGIN')
      const wrongPage = await page(wrong, 'erin')
      expect(wrongPage).toBe(await page(unknown, 'nobody'))
      expect(wrongPage).toContain('do not match an account')
    })

    it('refuses a banned account, even with the right password, and ends its sessions', async () => {
      const b = await signUp('frank')
      expect((await b.get('/settings')).status).toBe(200)
      await db()
        .kysely.withTables<AccountTables>()
        .updateTable('users')
        .set({ banned_at: new Date(clock.now()).toISOString() })
        .where('username_key', '=', 'frank')
        .execute()
      expect((await b.get('/settings')).status).toBe(303) // the old session no longer counts
      const res = await browser().post('/login', { login: 'frank', password: PASSWORD })
      expect(res.status).toBe(403)
      expect(textOf(await res.text())).toContain('suspended')
    })

    it('logs out: the session ends on the server, not only in this browser', async () => {
      const b = browser()
      await b.post('/login', { login: 'erin', password: PASSWORD })
      const stolen = new Map(b.cookies)
      const out = await b.post('/logout', {})
      expect(out.status).toBe(303)
      expect(b.signedIn).toBe(false)
      const thief = browser()
      for (const [k, v] of stolen) thief.cookies.set(k, v)
      const res = await thief.get('/settings')
      expect(res.status).toBe(303)
      expect(res.headers.get('location')).toBe('/login?next=%2Fsettings')
    })

    it('refuses a signed-in reader’s form without its CSRF token, and any form from another site', async () => {
      const b = browser()
      await b.post('/login', { login: 'erin', password: PASSWORD })
      const cookie = [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
      const headers = { 'content-type': 'application/x-www-form-urlencoded', cookie }
      const noToken = await app.request('https://papers.example.org/logout', {
        method: 'POST',
        headers: { ...headers, origin: 'https://papers.example.org' },
        body: '',
      })
      expect(noToken.status).toBe(403)
      const crossSite = await app.request('https://papers.example.org/settings/profile', {
        method: 'POST',
        headers: { ...headers, origin: 'https://evil.example' },
        body: 'display_name=pwned',
      })
      expect(crossSite.status).toBe(403)
      expect((await findUserByName(db(), 'erin'))!.displayName).toBe('erin')
    })
  })

  describe('password reset', () => {
    beforeAll(async () => {
      await signUp('gwen')
    })

    it('answers known and unknown addresses alike, and mails only the known one', async () => {
      const known = await browser().post('/account/reset', { email: 'gwen@lab.example.org' })
      const unknown = await browser().post('/account/reset', { email: 'nobody@lab.example.org' })
      expect(known.status).toBe(200)
      expect(unknown.status).toBe(200)
      const page = async (res: Response, email: string) => textOf(await res.text()).replace(email, 'EMAIL')
      expect(await page(known, 'gwen@lab.example.org')).toBe(await page(unknown, 'nobody@lab.example.org'))
      const mail = await smtp.nextMessageTo('gwen@lab.example.org')
      expect(mail.subject).toMatch(/Reset your password/)
      await new Promise((resolve) => setTimeout(resolve, 200))
      expect(smtp.messagesTo('nobody@lab.example.org')).toEqual([])
    })

    it('sets a new password from the link once, ends every session and signs this browser in', async () => {
      const laptop = browser()
      await laptop.post('/login', { login: 'gwen', password: PASSWORD })
      expect(laptop.signedIn).toBe(true)

      const b = browser()
      await b.post('/account/reset', { email: 'gwen@lab.example.org' })
      const link = (await smtp.nextMessageTo('gwen@lab.example.org')).links.find((l) =>
        l.includes('/account/reset/new'),
      )!
      const form = await b.get(pathOf(link))
      expect(form.status).toBe(200)
      expect(await form.text()).toContain('Choose a new password')

      const common = await b.post('/account/reset/new', { token: tokenOf(link), password: 'password123' })
      expect(common.status).toBe(400)
      expect(textOf(await common.text())).toContain('most common')

      const done = await b.post('/account/reset/new', { token: tokenOf(link), password: 'a brand new passphrase' })
      expect(done.status).toBe(303)
      expect(done.headers.get('location')).toBe('/settings?done=password-reset')
      expect(b.signedIn).toBe(true)
      expect((await smtp.nextMessageTo('gwen@lab.example.org')).subject).toMatch(/password was changed/)
      expect(textOf(await (await b.get('/settings?done=password-reset')).text())).toContain(
        'Your new password is saved',
      )
      expect((await laptop.get('/settings')).status).toBe(303) // the other session ended

      expect((await browser().post('/login', { login: 'gwen', password: PASSWORD })).status).toBe(400)
      expect((await browser().post('/login', { login: 'gwen', password: 'a brand new passphrase' })).status).toBe(303)

      const again = await browser().post('/account/reset/new', {
        token: tokenOf(link),
        password: 'yet another passphrase',
      })
      expect(again.status).toBe(400)
      expect((await browser().get(pathOf(link))).status).toBe(400)
    })

    it('lets a reset link expire after an hour', async () => {
      await browser().post('/account/reset', { email: 'gwen@lab.example.org' })
      const link = (await smtp.nextMessageTo('gwen@lab.example.org')).links.find((l) =>
        l.includes('/account/reset/new'),
      )!
      clock.advance(61 * 60_000)
      const res = await browser().post('/account/reset/new', {
        token: tokenOf(link),
        password: 'an expired passphrase',
      })
      expect(res.status).toBe(400)
      expect(textOf(await res.text())).toContain('This link does not work any more')
    })

    it('says what is wrong with an address that cannot be one', async () => {
      const res = await browser().post('/account/reset', { email: 'gwen at lab' })
      expect(res.status).toBe(400)
      expect(textOf(await res.text())).toContain('Enter an email address like')
    })
  })

  describe('hostile input', () => {
    const HOSTILE = [
      '\u0000',
      'a\u0000b@lab.org',
      'x'.repeat(20_000),
      '<script>alert(1)</script>',
      '\ud800',
      '%00',
      '9'.repeat(40),
    ]
    const FORMS: [string, string[]][] = [
      ['/signup', ['username', 'email', 'password']],
      ['/login', ['login', 'password', 'next']],
      ['/account/verify', ['token']],
      ['/account/reset', ['email']],
      ['/account/reset/new', ['token', 'password']],
      ['/account/email', ['token']],
      ['/login/two-factor', ['code']],
      ['/settings/profile', ['display_name']],
      ['/settings/email', ['email', 'password']],
      ['/settings/password', ['current', 'password']],
      ['/settings/tokens', ['name']],
      ['/settings/two-factor/start', ['password']],
      ['/settings/two-factor/enable', ['code']],
      ['/settings/delete', ['password']],
    ]

    it('answers every account form with a 4xx or a redirect, never a 500, whatever the fields hold', async () => {
      const reader = await signUp('hostile')
      for (const [path, fields] of FORMS) {
        for (const value of HOSTILE) {
          for (const b of [browser(), reader]) {
            const res = await b.post(path, Object.fromEntries(fields.map((f) => [f, value])))
            expect(res.status, `${path} ${JSON.stringify(value.slice(0, 20))}`).toBeLessThan(500)
          }
        }
      }
      expect((await browser().get(`/account/reset/new?token=%00`)).status).toBe(400)
      expect((await browser().get(`/account/verify?token=%00${'x'.repeat(5000)}`)).status).toBeLessThan(500)
    })
  })
})
