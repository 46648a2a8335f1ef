import pino from 'pino'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { finishRun, startRun } from '../src/ingest/store.js'
import { type SignedIn, signedInUser } from './support/accounts.js'
import { describeEachDatabase } from './support/db.js'
import { textOf } from './support/html.js'
import { emptyCatalog } from './support/ingest.js'

/** The admin pages: for admin accounts, and for headless clients that present ADMIN_TOKEN. */
const ADMIN_TOKEN = 'k3v9-admin-token-for-the-tests-only'
const BASE_URL = 'https://papers.example.org'
const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } })
const as = (who: SignedIn) => ({ headers: { Cookie: who.cookie } })
const ADMIN_PAGES = ['/admin', '/admin/log', '/admin/claims', '/admin/ingest']

describeEachDatabase('admin pages', (db) => {
  const app = (adminToken?: string) =>
    createApp({
      config: loadConfig({ BASE_URL, LOG_LEVEL: 'silent', ...(adminToken ? { ADMIN_TOKEN: adminToken } : {}) }),
      db: db(),
      logger: pino({ level: 'silent' }),
    })
  let admin: SignedIn
  let member: SignedIn
  beforeAll(async () => {
    admin = await signedInUser(db(), 'root_admin') // the site's first account: its admin
    member = await signedInUser(db(), 'member')
  })
  beforeEach(() => emptyCatalog(db()))

  it('make the first account an admin and the next ones members', () => {
    expect(admin.user.role).toBe('admin')
    expect(member.user.role).toBe('user')
  })

  it('answer 404 like any missing page to anonymous readers, members and wrong tokens', async () => {
    const site = app(ADMIN_TOKEN)
    for (const path of ADMIN_PAGES) {
      for (const init of [
        {},
        as(member),
        bearer(`${ADMIN_TOKEN}x`),
        bearer(ADMIN_TOKEN.slice(0, -1)),
        bearer(''),
        { headers: { Cookie: `paperboy_admin=${ADMIN_TOKEN}` } },
      ]) {
        const res = await site.request(path, init)
        expect(res.status, path).toBe(404)
        // The same page as any missing address (whose header, outside any route, shows no reader).
        const missing = await site.request('/no-such-page', init)
        const anonymousHeader = (text: string) => text.replace(/member Following Settings Log out/, 'Log in Sign up')
        expect(anonymousHeader(textOf(await res.text()))).toBe(textOf(await missing.text()))
      }
    }
  })

  it('open to an admin account, uncached, with the ingest status behind the role too', async () => {
    for (const site of [app(), app(ADMIN_TOKEN)]) {
      for (const path of ADMIN_PAGES) {
        const res = await site.request(path, as(admin))
        expect(res.status, path).toBe(200)
        expect(res.headers.get('Cache-Control')).toBe('no-store')
      }
    }
    const ingest = await app().request('/admin/ingest', as(admin))
    expect(textOf(await ingest.text())).toMatch(/Ingest status/)
  })

  it('open to a headless client with ADMIN_TOKEN, and not without the setting', async () => {
    for (const path of ADMIN_PAGES) {
      expect((await app(ADMIN_TOKEN).request(path, bearer(ADMIN_TOKEN))).status, path).toBe(200)
      expect((await app().request(path, bearer('undefined'))).status, path).toBe(404)
    }
  })

  it('have no token sign-in form any more: admins log in with their account', async () => {
    const site = app(ADMIN_TOKEN)
    expect((await site.request('/admin/sign-in')).status).toBe(404)
    expect((await site.request('/admin/sign-in', as(admin))).status).toBe(404)
  })

  it('show an Admin link in the header to admins only', async () => {
    const link = /<a href="\/admin">Admin<\/a>/
    expect(await (await app().request('/search', as(admin))).text()).toMatch(link)
    expect(await (await app().request('/search', as(member))).text()).not.toMatch(link)
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
