import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import {
  CHECKED_PAGES,
  type CheckedPage,
  type CheckedSessions,
  checkedCookie,
  seedCheckedPages,
} from './support/checked-pages.js'
import { createTestDb, type TestDb } from './support/db.js'
import { JAVA_PATH } from './support/env.js'
import { seedCatalog, SITE_ADMIN_TOKEN } from './support/site.js'

const VNU_JAR = new URL('../node_modules/vnu-jar/build/dist/vnu.jar', import.meta.url).pathname
const BASE_URL = 'https://papers.example.org'

interface NuMessage {
  type: 'error' | 'info' | 'non-document-error'
  subType?: string
  url?: string
  lastLine?: number
  message: string
  extract?: string
}

const run = inject('javaAvailable') ? describe : describe.skip

run('the W3C Nu Html Checker', () => {
  let db: TestDb
  let dir: string
  let app: ReturnType<typeof createApp>
  let sessions: CheckedSessions

  beforeAll(async () => {
    db = await createTestDb('sqlite') // the markup does not depend on the database
    await seedCatalog(db)
    sessions = await seedCheckedPages(db)
    const config = loadConfig({ BASE_URL, LOG_LEVEL: 'silent', ADMIN_TOKEN: SITE_ADMIN_TOKEN })
    app = createApp({ config, db, logger: pino({ level: 'silent' }) })
    dir = mkdtempSync(join(tmpdir(), 'paperboy-vnu-'))
  })
  afterAll(async () => {
    await db?.drop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  function request(checked: CheckedPage): Promise<Response> {
    const headers = {
      ...(checked.asAdmin && { Authorization: `Bearer ${SITE_ADMIN_TOKEN}` }),
      ...(checked.signedIn && { Cookie: checkedCookie(checked, sessions)! }),
      ...(checked.cookie && { Cookie: checked.cookie }),
    }
    if (checked.submit) return submit(checked, checked.submit)
    if (checked.upload) return Promise.resolve(upload(checked.upload, headers))
    if (!checked.subscribe) return Promise.resolve(app.request(checked.path, { headers }))
    const body = new URLSearchParams({ email: checked.subscribe })
    return Promise.resolve(app.request(checked.path, { method: 'POST', body, headers: { Origin: BASE_URL } }))
  }

  async function submit(checked: CheckedPage, { fields, upTo }: NonNullable<CheckedPage['submit']>) {
    let res: Response | undefined
    for (let i = 0; i < upTo && res?.status !== checked.status; i++) {
      const body = new URLSearchParams(fields)
      res = await app.request(checked.path, { method: 'POST', body, headers: { Origin: BASE_URL } })
    }
    return res!
  }

  function upload({ action, field, file }: NonNullable<CheckedPage['upload']>, headers: Record<string, string>) {
    const body = new FormData()
    body.set('_csrf', sessions.reader.csrf)
    body.set(field, new File([file.content], file.name, { type: file.mimeType }))
    return app.request(action, { method: 'POST', body, headers: { ...headers, Origin: BASE_URL } })
  }

  it('finds no error and no warning on any page type', { timeout: 120_000 }, async () => {
    const names = new Map<string, string>()
    for (const [i, checked] of CHECKED_PAGES.entries()) {
      const res = await request(checked)
      expect(res.status, checked.name).toBe(checked.status)
      const file = join(dir, `${i}.html`)
      writeFileSync(file, await res.text())
      names.set(`file:${file}`, `${checked.name} (${checked.path})`)
    }
    // One JVM for every page: starting Java costs more than checking a page.
    const { stderr } = await promisify(execFile)(
      JAVA_PATH,
      ['-jar', VNU_JAR, '--format', 'json', '--exit-zero-always', dir],
      { maxBuffer: 64 * 1024 * 1024 },
    )
    const { messages } = JSON.parse(stderr) as { messages: NuMessage[] }
    // "info" without the warning subtype is advice, not a finding (e.g. trailing slashes on void elements).
    const findings = messages.filter((m) => m.type !== 'info' || m.subType === 'warning')
    const lines = findings.map((m) => {
      const where = m.url ? `${names.get(m.url) ?? m.url}:${m.lastLine ?? '?'}` : 'checker'
      return `${where}: ${m.subType ?? m.type}: ${m.message}${m.extract ? ` in “${m.extract.trim()}”` : ''}`
    })
    expect(lines).toEqual([])
    expect(names.size).toBe(CHECKED_PAGES.length)
  })
})
