import pino from 'pino'
import { beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { finishRun, startRun } from '../src/ingest/store.js'
import { describeEachDatabase } from './support/db.js'
import { textOf } from './support/html.js'
import { emptyCatalog } from './support/ingest.js'

/** The admin pages until accounts exist: there only for whoever presents ADMIN_TOKEN. */
const ADMIN_TOKEN = 'k3v9-admin-token-for-the-tests-only'
const BASE_URL = 'https://papers.example.org'
const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } })
const signInForm = (token: string, origin = BASE_URL) => ({
  method: 'POST',
  headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ token }).toString(),
})
const cookieOf = (res: Response) => res.headers.get('Set-Cookie')?.split(';')[0] ?? ''

describeEachDatabase('admin pages', (db) => {
  const app = (adminToken?: string) =>
    createApp({
      config: loadConfig({ BASE_URL, LOG_LEVEL: 'silent', ...(adminToken ? { ADMIN_TOKEN: adminToken } : {}) }),
      db: db(),
      logger: pino({ level: 'silent' }),
    })
  beforeEach(() => emptyCatalog(db()))

  it('do not exist without ADMIN_TOKEN, whatever is presented', async () => {
    const site = app()
    for (const res of [
      await site.request('/admin/ingest'),
      await site.request('/admin/ingest', bearer('')),
      await site.request('/admin/ingest', bearer('undefined')),
      await site.request('/admin/sign-in'),
      await site.request(`${BASE_URL}/admin/sign-in`, signInForm('')),
    ]) {
      expect(res.status).toBe(404)
    }
  })

  it('answer 404 like any missing page until the token is presented, then show the runs', async () => {
    const site = app(ADMIN_TOKEN)
    const missing = await site.request('/no-such-page')
    for (const res of [
      await site.request('/admin/ingest'),
      await site.request('/admin/ingest', bearer(`${ADMIN_TOKEN}x`)),
      await site.request('/admin/ingest', bearer(ADMIN_TOKEN.slice(0, -1))),
      await site.request('/admin/ingest', { headers: { Cookie: `paperboy_admin=${ADMIN_TOKEN}` } }),
    ]) {
      expect(res.status).toBe(404)
      expect(textOf(await res.text())).toBe(textOf(await missing.clone().text()))
    }
    const res = await site.request('/admin/ingest', bearer(ADMIN_TOKEN))
    expect(res.status).toBe(200)
    expect(res.headers.get('Cache-Control')).toBe('no-store')
    expect(textOf(await res.text())).toMatch(/Ingest status/)
  })

  it('sign in through the form with an HttpOnly, same-site cookie for /admin only, and sign out', async () => {
    const site = app(ADMIN_TOKEN)
    const form = await site.request('/admin/sign-in')
    expect(form.status).toBe(200)
    expect(await form.text()).toMatch(/<input id="admin-token" name="token" type="password"/)

    const wrong = await site.request(`${BASE_URL}/admin/sign-in`, signInForm('not the token at all, not at all'))
    expect(wrong.status).toBe(403)
    expect(wrong.headers.get('Set-Cookie')).toBeNull()
    expect(textOf(await wrong.text())).toContain('That is not the admin token.')

    const right = await site.request(`${BASE_URL}/admin/sign-in`, signInForm(ADMIN_TOKEN))
    expect(right.status).toBe(303)
    expect(right.headers.get('Location')).toBe('/admin/ingest')
    const setCookie = right.headers.get('Set-Cookie')!
    expect(setCookie).toMatch(/HttpOnly/)
    expect(setCookie).toMatch(/SameSite=Strict/)
    expect(setCookie).toMatch(/Secure/)
    expect(setCookie).toMatch(/Path=\/admin/)
    expect(setCookie, 'the cookie does not carry the token itself').not.toContain(ADMIN_TOKEN)
    const signedIn = { headers: { Cookie: cookieOf(right) } }
    expect((await site.request('/admin/ingest', signedIn)).status).toBe(200)
    expect((await app('another-admin-token-after-a-change').request('/admin/ingest', signedIn)).status).toBe(404)

    const out = await site.request(`${BASE_URL}/admin/sign-out`, {
      method: 'POST',
      headers: { Origin: BASE_URL, ...signedIn.headers },
    })
    expect(out.status).toBe(303)
    expect(out.headers.get('Set-Cookie')).toMatch(/^paperboy_admin=;.*Max-Age=0/)
  })

  it('refuse a sign-in posted from another site (login CSRF)', async () => {
    const res = await app(ADMIN_TOKEN).request(
      `${BASE_URL}/admin/sign-in`,
      signInForm(ADMIN_TOKEN, 'https://evil.example'),
    )
    expect(res.status).toBe(403)
    expect(res.headers.get('Set-Cookie')).toBeNull()
  })

  it('show file names and hosts, never server paths or full addresses', async () => {
    const run = await startRun(db(), 'snapshot', '/srv/paperboy/private/arxiv-snapshot.json 4812034', 'manual')
    await finishRun(db(), run, {
      status: 'failed',
      added: 0,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      failed: 1,
      problems: [],
      error:
        'HTTP 503 from http://ops:pw@mirror.internal:8080/oai/secret?verb=ListRecords; see /var/log/paperboy/x.log',
    })
    const text = textOf(await (await app(ADMIN_TOKEN).request('/admin/ingest', bearer(ADMIN_TOKEN))).text())
    expect(text).toContain('arxiv-snapshot.json 4812034')
    expect(text).toContain('HTTP 503 from mirror.internal:8080; see x.log')
    for (const secret of ['/srv/', 'private', '/oai', 'secret', 'pw@', '/var/log']) expect(text).not.toContain(secret)
  })
})

describe('ADMIN_TOKEN', () => {
  it('stops the start with one line when it is too short to be safe', () => {
    expect(() => loadConfig({ ADMIN_TOKEN: 'hunter2' })).toThrow(
      /^Invalid setting ADMIN_TOKEN: must be at least 24 characters/,
    )
  })

  it('is unset when left empty', () => {
    expect(loadConfig({ ADMIN_TOKEN: '  ' }).adminToken).toBeNull()
  })
})
