import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { displayNameOf } from '../src/community/accounts/display-name.js'
import { findUserByName } from '../src/community/accounts/store.js'
import type { AccountTables } from '../src/community/schema.js'
import { FormBrowser, accountApp, signUpConfirmed, testClock, tokenOf } from './support/account-site.js'
import { describeEachDatabase } from './support/db.js'
import { textOf } from './support/html.js'
import { type SmtpSink, startSmtpSink } from './support/smtp.js'

const PASSWORD = 'violet tensors hum at dawn'

describeEachDatabase('the settings page', (db) => {
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
  async function logIn(login: string, password = PASSWORD) {
    const b = browser()
    expect((await b.post('/login', { login, password })).status).toBe(303)
    return b
  }
  const settingsText = async (b: FormBrowser, path = '/settings') => textOf(await (await b.get(path)).text())

  it('sends an anonymous reader to log in and back', async () => {
    const res = await browser().get('/settings')
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/login?next=%2Fsettings')
    const post = await browser().post('/settings/profile', { display_name: 'x' })
    expect(post.status).toBe(303)
    expect(post.headers.get('location')).toMatch(/^\/login\?next=/)
  })

  it('changes the display name, and says what is wrong with a bad one', async () => {
    const ada = await signUp('ada')
    const res = await ada.post('/settings/profile', { display_name: '  Ada Lovelace ' })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/settings?done=profile#profile')
    expect(await settingsText(ada, '/settings?done=profile')).toContain('Your display name is saved.')
    expect((await findUserByName(db(), 'ada'))!.displayName).toBe('Ada Lovelace')

    const bad = await ada.post('/settings/profile', { display_name: 'x'.repeat(51) })
    expect(bad.status).toBe(400)
    expect(textOf(await bad.text())).toContain('at most 50 characters')
    const nul = await ada.post('/settings/profile', { display_name: 'Ada\u0000' })
    expect(nul.status).toBe(400)
  })

  describe('changing the email address', () => {
    it('mails a link to the new address and a notice to the old, and changes only once the link is opened', async () => {
      const bo = await signUp('bo')
      const res = await bo.post('/settings/email', { email: 'bo@newlab.example.org', password: PASSWORD })
      expect(res.status).toBe(303)
      expect(res.headers.get('location')).toBe('/settings?done=email-sent#email')
      const confirm = await smtp.nextMessageTo('bo@newlab.example.org')
      expect(confirm.subject).toMatch(/Confirm your new email address/)
      const notice = await smtp.nextMessageTo('bo@lab.example.org')
      expect(notice.text).toContain('bo@newlab.example.org')
      expect((await findUserByName(db(), 'bo'))!.email).toBe('bo@lab.example.org')

      const link = confirm.links.find((l) => l.includes('/account/email?token='))!
      expect((await browser().get(new URL(link).pathname + new URL(link).search)).status).toBe(200)
      expect((await findUserByName(db(), 'bo'))!.email).toBe('bo@lab.example.org')
      const done = await browser().post('/account/email', { token: tokenOf(link) })
      expect(done.status).toBe(303)
      const bo2 = (await findUserByName(db(), 'bo'))!
      expect(bo2.email).toBe('bo@newlab.example.org')
      expect(bo2.emailVerified).toBe(true)
      expect((await browser().post('/account/email', { token: tokenOf(link) })).status).toBe(400)
      await logIn('bo@newlab.example.org')
    })

    it('needs the current password', async () => {
      const cy = await signUp('cy')
      const res = await cy.post('/settings/email', { email: 'cy@elsewhere.example.org', password: 'wrong password' })
      expect(res.status).toBe(400)
      expect(textOf(await res.text())).toContain('That is not your current password.')
      expect(smtp.messagesTo('cy@elsewhere.example.org')).toEqual([])
    })

    it('answers an address of another account as any other, and mails that address a note instead of a link', async () => {
      const dee = await signUp('dee')
      const res = await dee.post('/settings/email', { email: 'ADA@lab.example.org', password: PASSWORD })
      expect(res.status).toBe(303)
      expect(res.headers.get('location')).toBe('/settings?done=email-sent#email')
      const note = await smtp.nextMessageTo('ada@lab.example.org')
      expect(note.subject).toMatch(/already has an account/)
      expect(note.links.filter((l) => l.includes('token='))).toEqual([])
      expect((await findUserByName(db(), 'dee'))!.email).toBe('dee@lab.example.org')
    })
  })

  describe('changing the password', () => {
    it('needs the current one, refuses a common new one, and logs out the other sessions only', async () => {
      const here = await signUp('eve')
      const phone = await logIn('eve')
      expect(
        (await here.post('/settings/password', { current: 'nope nope nope', password: 'a new passphrase' })).status,
      ).toBe(400)
      const common = await here.post('/settings/password', { current: PASSWORD, password: 'qwertyuiop' })
      expect(common.status).toBe(400)
      expect(textOf(await common.text())).toContain('most common')
      const same = await here.post('/settings/password', { current: PASSWORD, password: 'eve@lab.example.org' })
      expect(textOf(await same.text())).toContain('must not be your username or email')

      const res = await here.post('/settings/password', { current: PASSWORD, password: 'a new passphrase' })
      expect(res.status).toBe(303)
      expect((await here.get('/settings')).status).toBe(200)
      expect((await phone.get('/settings')).status).toBe(303)
      expect((await smtp.nextMessageTo('eve@lab.example.org')).subject).toMatch(/password was changed/)
      expect((await browser().post('/login', { login: 'eve', password: PASSWORD })).status).toBe(400)
      await logIn('eve', 'a new passphrase')
    })
  })

  it('sends the confirmation link again to an unconfirmed address', async () => {
    const b = browser()
    await b.post('/signup', { username: 'fay', email: 'fay@lab.example.org', password: PASSWORD })
    await smtp.nextMessageTo('fay@lab.example.org')
    await db()
      .kysely.withTables<AccountTables>()
      .updateTable('users')
      .set({ email_verified_at: null })
      .where('username_key', '=', 'fay')
      .execute()
    const fay = await logIn('fay')
    expect(await settingsText(fay)).toContain('not confirmed yet')
    const res = await fay.post('/settings/verification', {})
    expect(res.status).toBe(303)
    const mail = await smtp.nextMessageTo('fay@lab.example.org')
    expect((await browser().post('/account/verify', { token: tokenOf(mail.links[0]!) })).status).toBe(303)
    expect((await findUserByName(db(), 'fay'))!.emailVerified).toBe(true)
  })

  it('lists the sessions with their device and logs out everywhere else', async () => {
    const here = await signUp('gus')
    const other = new FormBrowser(app, undefined, 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) Safari/604.1')
    await other.post('/login', { login: 'gus', password: PASSWORD })
    const text = await settingsText(here)
    expect(text).toContain('Firefox on Linux · this browser')
    expect(text).toContain('Safari on iOS')
    const res = await here.post('/settings/sessions/others', {})
    expect(res.status).toBe(303)
    expect((await other.get('/settings')).status).toBe(303)
    const after = await settingsText(here, res.headers.get('location')!)
    expect(after).not.toContain('Safari on iOS')
    expect(after).toContain('Every other session of your account was logged out.')
  })

  describe('personal access tokens', () => {
    it('shows a new token once, lists it, and revokes it', async () => {
      const hal = await signUp('hal')
      const res = await hal.post('/settings/tokens', { name: 'my scripts' })
      expect(res.status).toBe(200)
      const html = await res.text()
      const token = /pb_[A-Za-z0-9_-]{43}/.exec(html)![0]
      expect(textOf(html)).toContain('it is shown only this once')
      const later = await (await hal.get('/settings')).text()
      expect(later).toContain('my scripts')
      expect(later).not.toContain(token)

      const api = (t: string) =>
        app.request('https://papers.example.org/api/v1/openapi.json', { headers: { authorization: `Bearer ${t}` } })
      expect((await api(token)).status).not.toBe(401)
      const id = /\/settings\/tokens\/(\d+)\/revoke/.exec(later)![1]!
      const revoke = await hal.post(`/settings/tokens/${id}/revoke`, {})
      expect(revoke.status).toBe(303)
      expect((await api(token)).status).toBe(401)
    })

    it('refuses to revoke another account’s token (403) and answers 404 for none', async () => {
      const ivy = await signUp('ivy')
      const jo = await signUp('jo')
      await ivy.post('/settings/tokens', { name: 'ivy’s token' })
      const id = /\/settings\/tokens\/(\d+)\/revoke/.exec(await (await ivy.get('/settings')).text())![1]!
      expect((await jo.post(`/settings/tokens/${id}/revoke`, {})).status).toBe(403)
      expect(await (await ivy.get('/settings')).text()).toContain('ivy’s token')
      expect((await jo.post('/settings/tokens/99999/revoke', {})).status).toBe(404)
      expect((await jo.post('/settings/tokens/99999999999999/revoke', {})).status).toBe(404)
      expect((await jo.post('/settings/tokens/abc/revoke', {})).status).toBe(404)
    })

    it('says what is wrong with a token name', async () => {
      const kim = await signUp('kim')
      const res = await kim.post('/settings/tokens', { name: '   ' })
      expect(res.status).toBe(400)
      expect(textOf(await res.text())).toContain('Name the token')
    })
  })

  describe('deleting the account', () => {
    it('needs the password, then ends every session, frees the address and keeps the name reserved', async () => {
      const lee = await signUp('lee')
      const phone = await logIn('lee')
      await lee.post('/settings/tokens', { name: 'lee’s token' })
      const wrong = await lee.post('/settings/delete', { password: 'not my password' })
      expect(wrong.status).toBe(400)
      expect(textOf(await wrong.text())).toContain('That is not your current password.')

      const res = await lee.post('/settings/delete', { password: PASSWORD })
      expect(res.status).toBe(303)
      expect(res.headers.get('location')).toBe('/account/deleted')
      expect(lee.signedIn).toBe(false)
      expect((await phone.get('/settings')).status).toBe(303)
      expect((await browser().post('/login', { login: 'lee', password: PASSWORD })).status).toBe(400)

      const row = await db()
        .kysely.withTables<AccountTables>()
        .selectFrom('users')
        .select(['email', 'password_hash', 'display_name', 'deleted_at'])
        .where('username_key', '=', 'lee')
        .executeTakeFirstOrThrow()
      expect(row.email).not.toContain('lee@')
      expect(row.password_hash).toBe('')
      expect(displayNameOf({ displayName: row.display_name, deletedAt: row.deleted_at })).toBe('[deleted]')

      const again = await browser().post('/signup', {
        username: 'lee',
        email: 'lee@lab.example.org',
        password: PASSWORD,
      })
      expect(again.status).toBe(409) // the name stays reserved
      const newName = await browser().post('/signup', {
        username: 'lee2',
        email: 'lee@lab.example.org',
        password: PASSWORD,
      })
      expect(newName.status).toBe(200)
      expect((await smtp.nextMessageTo('lee@lab.example.org')).subject).toMatch(/Confirm your email address/)
    })
  })
})
