import { afterAll, beforeAll, expect, it } from 'vitest'
import { findUserByName, setUserRole } from '../src/community/accounts/store.js'
import { totpCodeAt } from '../src/community/accounts/two-factor.js'
import { FormBrowser, accountApp, signUpConfirmed, testClock } from './support/account-site.js'
import { describeEachDatabase } from './support/db.js'
import { textOf } from './support/html.js'
import { type SmtpSink, startSmtpSink } from './support/smtp.js'

const PASSWORD = 'violet tensors hum at dawn'
const STEP = 30_000

describeEachDatabase('two-factor authentication', (db) => {
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

  const signUp = (username: string) => signUpConfirmed(app, smtp, username, { password: PASSWORD })

  /** Turns two-factor on from settings as a reader does; returns the secret and the recovery codes. */
  async function enable(b: FormBrowser) {
    const start = await b.post('/settings/two-factor/start', { password: PASSWORD })
    expect(start.status).toBe(303)
    const page = await (await b.get('/settings/two-factor')).text()
    const secret = /<code class="secret">([A-Z2-7 ]+)<\/code>/.exec(page)![1]!.replace(/ /g, '')
    expect(page).toContain(`otpauth://totp/`)
    expect(page).toContain(`secret=${secret}`)
    const wrong = await b.post('/settings/two-factor/enable', { code: '000000' })
    expect(wrong.status).toBe(400)
    const done = await b.post('/settings/two-factor/enable', { code: totpCodeAt(secret, clock.now()) })
    expect(done.status).toBe(200)
    const html = await done.text()
    const codes = [...html.matchAll(/<li><code>([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})<\/code><\/li>/g)].map((m) => m[1]!)
    expect(codes).toHaveLength(10)
    clock.advance(STEP) // the code just used works once; the next log-in needs the next one
    return { secret, codes }
  }

  async function passwordStep(login: string) {
    const b = browser()
    const res = await b.post('/login', { login, password: PASSWORD, next: '/papers/2608.19880' })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/login/two-factor')
    expect(b.signedIn).toBe(false)
    return b
  }

  it('is set up from settings with a code, then asks for a code at log-in', async () => {
    const ada = await signUp('ada')
    const { secret } = await enable(ada)
    expect(textOf(await (await ada.get('/settings')).text())).toContain('10 of your recovery codes are unused')

    const b = await passwordStep('ada')
    const form = await b.get('/login/two-factor')
    expect(form.status).toBe(200)
    expect(textOf(await form.text())).toContain('Enter your authentication code')
    const wrong = await b.post('/login/two-factor', { code: '123456' })
    expect(wrong.status).toBe(400)
    expect(b.signedIn).toBe(false)
    const code = totpCodeAt(secret, clock.now())
    const ok = await b.post('/login/two-factor', { code })
    expect(ok.status).toBe(303)
    expect(ok.headers.get('location')).toBe('/papers/2608.19880')
    expect(b.signedIn).toBe(true)

    // The same code, overheard, opens nothing a second time.
    const replay = await passwordStep('ada')
    expect((await replay.post('/login/two-factor', { code })).status).toBe(400)
  })

  it('takes each recovery code once', async () => {
    const bo = await signUp('bo')
    const { codes } = await enable(bo)
    const b = await passwordStep('bo')
    expect((await b.post('/login/two-factor', { code: codes[0]!.toUpperCase() })).status).toBe(303)
    const notice = await smtp.nextMessageTo('bo@lab.example.org')
    expect(notice.subject).toMatch(/A recovery code was used/)
    expect(notice.text).toContain('9 unused codes are left')
    const again = await passwordStep('bo')
    expect((await again.post('/login/two-factor', { code: codes[0]! })).status).toBe(400)
    expect((await again.post('/login/two-factor', { code: codes[1]! })).status).toBe(303)
    expect(textOf(await (await bo.get('/settings')).text())).toContain('8 of your recovery codes are unused')
  })

  it('never signs in without the password step, nor with a forged or expired one', async () => {
    const anon = browser()
    expect((await anon.get('/login/two-factor')).headers.get('location')).toBe('/login')
    anon.cookies.set('paperboy_login', 'A'.repeat(43))
    const forged = await anon.post('/login/two-factor', { code: '123456' })
    expect(forged.status).toBe(303)
    expect(forged.headers.get('location')).toBe('/login')
    expect(anon.signedIn).toBe(false)

    const cy = await signUp('cy')
    const { secret } = await enable(cy)
    const b = await passwordStep('cy')
    clock.advance(11 * 60_000)
    const late = await b.post('/login/two-factor', { code: totpCodeAt(secret, clock.now()) })
    expect(late.headers.get('location')).toBe('/login')
    expect(b.signedIn).toBe(false)
  })

  it('locks the code step after repeated wrong codes, with Retry-After', async () => {
    const dee = await signUp('dee')
    const { secret } = await enable(dee)
    let last: Response | undefined
    for (let i = 0; i < 6; i++) {
      const b = await passwordStep('dee')
      last = await b.post('/login/two-factor', { code: '000000' })
    }
    expect(last!.status).toBe(429)
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0)
    const b = await passwordStep('dee')
    const right = await b.post('/login/two-factor', { code: totpCodeAt(secret, clock.now()) })
    expect(right.status).toBe(429) // even the right code waits out the lock
  })

  it('is turned off only with the password and a code', async () => {
    const eve = await signUp('eve')
    const { secret } = await enable(eve)
    const noPassword = await eve.post('/settings/two-factor/disable', {
      password: 'wrong',
      code: totpCodeAt(secret, clock.now()),
    })
    expect(noPassword.status).toBe(400)
    const noCode = await eve.post('/settings/two-factor/disable', { password: PASSWORD, code: '000000' })
    expect(noCode.status).toBe(400)
    const off = await eve.post('/settings/two-factor/disable', {
      password: PASSWORD,
      code: totpCodeAt(secret, clock.now()),
    })
    expect(off.status).toBe(303)
    const b = browser()
    const res = await b.post('/login', { login: 'eve', password: PASSWORD })
    expect(res.headers.get('location')).toBe('/')
    expect(b.signedIn).toBe(true)
  })

  it('makes new recovery codes with a code, and the old ones stop working', async () => {
    const fay = await signUp('fay')
    const { secret, codes } = await enable(fay)
    const res = await fay.post('/settings/two-factor/recovery-codes', { code: totpCodeAt(secret, clock.now()) })
    expect(res.status).toBe(200)
    expect(textOf(await res.text())).toContain('your old codes no longer work')
    clock.advance(STEP)
    const b = await passwordStep('fay')
    expect((await b.post('/login/two-factor', { code: codes[0]! })).status).toBe(400)
  })

  it('still asks for the code after a password reset', async () => {
    const gus = await signUp('gus')
    const { secret } = await enable(gus)
    const b = browser()
    await b.post('/account/reset', { email: 'gus@lab.example.org' })
    const link = (await smtp.nextMessageTo('gus@lab.example.org')).links.find((l) => l.includes('/account/reset/new'))!
    const res = await b.post('/account/reset/new', {
      token: new URL(link).searchParams.get('token')!,
      password: 'a brand new passphrase',
    })
    expect(res.headers.get('location')).toBe('/login/two-factor')
    expect(b.signedIn).toBe(false)
    expect((await b.post('/login/two-factor', { code: totpCodeAt(secret, clock.now()) })).status).toBe(303)
    expect(b.signedIn).toBe(true)
  })

  it('is turned off by an admin for a member who lost their phone and codes, who is told by email', async () => {
    const hal = await signUp('hal')
    await enable(hal)
    const ivy = await signUp('ivy')
    await setUserRole(db(), (await findUserByName(db(), 'ivy'))!.id, 'admin')
    // Only an admin sees the control, and only for a member who has two-factor on.
    expect(textOf(await (await hal.get('/u/hal')).text())).not.toContain('Turn off two-factor')
    expect(textOf(await (await ivy.get('/u/hal')).text())).toContain('Turn off two-factor for hal')
    expect((await hal.post('/admin/users/two-factor/reset', { username: 'hal' })).status).toBe(403)

    const reset = await ivy.post('/admin/users/two-factor/reset', {
      username: 'hal',
      reason: 'lost phone',
      next: '/u/hal',
    })
    expect(reset.status).toBe(303)
    expect(reset.headers.get('location')).toBe('/u/hal')
    const notice = await smtp.nextMessageTo('hal@lab.example.org')
    expect(notice.subject).toBe('Two-factor authentication was turned off on your Paperboy account')
    expect(notice.text).toContain('/settings#two-factor')
    expect(textOf(await (await ivy.get('/admin/log')).text())).toMatch(
      /ivy turned off a member’s two-factor authentication hal lost phone/,
    )
    // The password alone logs in now; the control is gone, and a second reset says there is nothing to do.
    const b = browser()
    const login = await b.post('/login', { login: 'hal', password: PASSWORD, next: '/' })
    expect(login.headers.get('location')).toBe('/')
    expect(b.signedIn).toBe(true)
    expect(textOf(await (await ivy.get('/u/hal')).text())).not.toContain('Turn off two-factor')
    expect((await ivy.post('/admin/users/two-factor/reset', { username: 'hal' })).status).toBe(409)
    expect((await ivy.post('/admin/users/two-factor/reset', { username: 'nobody' })).status).toBe(404)
    expect((await ivy.post('/admin/users/two-factor/reset', { username: '<script>' })).status).toBe(400)
    expect((await ivy.post('/admin/users/two-factor/reset', { username: 'hal', reason: 'a\u0000b' })).status).toBe(400)
  })
})
