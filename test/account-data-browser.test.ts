import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { SESSION_COOKIE } from '../src/community/accounts/session-cookie.js'
import { addToCollection, createCollection } from '../src/community/collections/store.js'
import { setVote } from '../src/community/votes/store.js'
import { type SignedIn, signedInUser } from './support/accounts.js'
import { catalogPapers } from './support/community-app.js'
import { createTestDb, type TestDb } from './support/db.js'
import { watchProblems } from './support/page-problems.js'
import { blockOtherHosts, launchChromium, type RunningSite, startSite } from './support/site.js'

/** A member downloads their data from the settings, and another account imports it through the file field. */
const PAPERS = ['2603.00001', '2603.00002']

const run = inject('chromiumAvailable') ? describe : describe.skip

run('account data in Chromium', () => {
  let db: TestDb
  let site: RunningSite
  let browser: Browser
  let ada: SignedIn
  let bob: SignedIn
  let dir: string

  beforeAll(async () => {
    db = await createTestDb('sqlite') // what the browser does does not depend on the database
    await catalogPapers(
      db,
      PAPERS.map((id, i) => ({ id, publishedAt: '2026-03-01T00:00:00Z', title: `Paper to carry ${i + 1}` })),
    )
    ada = await signedInUser(db, 'ada')
    bob = await signedInUser(db, 'bob')
    const now = new Date().toISOString()
    await setVote(db, ada.user.id, PAPERS[0]!, true, now)
    const list = await createCollection(db, ada.user.id, { name: 'Carried list', description: '', isPublic: true }, now)
    for (const id of PAPERS) await addToCollection(db, list.id, id, now)
    dir = mkdtempSync(join(tmpdir(), 'paperboy-download-'))
    site = await startSite(db)
    browser = await launchChromium()
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    await site?.close()
    await db?.drop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  /** A browser signed in as `who`, which must log no error, CSP violation or request elsewhere. */
  async function as(who: SignedIn, test: (page: Page, context: BrowserContext) => Promise<void>) {
    const context = await browser.newContext({ baseURL: site.url, acceptDownloads: true })
    try {
      const elsewhere = await blockOtherHosts(context, site.url)
      const problems = await watchProblems(context, site.url)
      await context.addCookies([{ name: SESSION_COOKIE, value: who.cookie.split('=')[1]!, url: site.url }])
      await test(await context.newPage(), context)
      expect(problems).toEqual([])
      expect(elsewhere).toEqual([])
    } finally {
      await context.close()
    }
  }

  it(
    'downloads one account’s data and imports it into another through the file field',
    { timeout: 120_000 },
    async () => {
      let downloaded = ''
      await as(ada, async (page) => {
        await page.goto('/settings')
        await page.getByRole('link', { name: 'Download or import your data' }).click()
        await expect.poll(() => page.title()).toContain('Your data')
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('link', { name: 'Download your data (JSON)' }).click(),
        ])
        expect(download.suggestedFilename()).toMatch(/^paperboy-ada-\d{4}-\d{2}-\d{2}\.json$/)
        // Kept past this browser, as a member keeps the file they downloaded.
        downloaded = join(dir, download.suggestedFilename())
        await download.saveAs(downloaded)
        const file = JSON.parse(readFileSync(downloaded, 'utf8'))
        expect(file.votes.map((v: { paper_id: string }) => v.paper_id)).toEqual([PAPERS[0]])
      })
      await as(bob, async (page) => {
        await page.goto('/settings/data')
        await page.getByLabel('Account file', { exact: true }).setInputFiles(downloaded)
        await page.getByRole('button', { name: 'Import account file' }).click()
        await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Account file imported')
        const status = await page.getByRole('status').textContent()
        expect(status).toContain('The import is done')
        const imported = await page.locator('#imported').textContent()
        expect(imported).toContain('1 upvote')
        expect(imported).toContain('New collection “Carried list”: 2 papers added')
        await page.getByRole('link', { name: 'Carried list' }).click()
        await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Carried list')
        const titles = await page.getByRole('link', { name: /^Paper to carry/ }).allTextContents()
        expect(titles).toEqual(['Paper to carry 1', 'Paper to carry 2'])
      })
    },
  )
})
