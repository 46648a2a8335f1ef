import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { SESSION_COOKIE } from '../src/community/accounts/session-cookie.js'
import type { AccountTables } from '../src/community/schema.js'
import { addToCollection, createCollection } from '../src/community/collections/store.js'
import { type SignedIn, signedInUser } from './support/accounts.js'
import { catalogPapers } from './support/community-app.js'
import { createTestDb, type TestDb } from './support/db.js'
import { watchProblems } from './support/page-problems.js'
import { blockOtherHosts, launchChromium, type RunningSite, startSite } from './support/site.js'

/**
 * Collection names and descriptions are the one free text of the curation pages: a corpus of
 * hostile ones is rendered in Chromium, on every page that shows them, and no script runs. And
 * the paper page's "save" form, with its script.
 */
const HOSTILE = [
  '<script>window.__pwned = 1</script>',
  '"><img src=x onerror="window.__pwned=2">',
  "'><svg onload=window.__pwned=3>",
  '</option></select><script>window.__pwned=4</script>',
  '</textarea><script>window.__pwned=5</script>',
  'javascript:window.__pwned=6',
  '<a href="javascript:window.__pwned=7">click</a>',
  '{{constructor.constructor("window.__pwned=8")()}}',
  '&lt;script&gt;window.__pwned=9&lt;/script&gt;',
  '<iframe srcdoc="<script>parent.__pwned=10</script>">',
]
const PAPER = '2603.00001'

const run = inject('chromiumAvailable') ? describe : describe.skip

run('collections in Chromium', () => {
  let db: TestDb
  let site: RunningSite
  let browser: Browser
  let owner: SignedIn

  beforeAll(async () => {
    db = await createTestDb('sqlite') // what reaches the page does not depend on the database
    await catalogPapers(db, [{ id: PAPER, publishedAt: '2026-03-01T00:00:00Z', title: 'A Paper to Save' }])
    owner = await signedInUser(db, 'mallory')
    // Usernames are restricted; display names are not, and profiles and collections show them.
    await db.kysely
      .withTables<AccountTables>()
      .updateTable('users')
      .set({ display_name: '<img src=x onerror="window.__pwned=99">' })
      .where('id', '=', owner.user.id)
      .execute()
    const now = new Date().toISOString()
    for (const [i, name] of HOSTILE.entries()) {
      const made = await createCollection(
        db,
        owner.user.id,
        { name: name.slice(0, 100), description: name, isPublic: i % 2 === 0 },
        now,
      )
      if (i % 3 === 0) await addToCollection(db, made.id, PAPER, now)
    }
    site = await startSite(db)
    browser = await launchChromium()
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    await site?.close()
    await db?.drop()
  })

  for (const signedIn of [false, true]) {
    it(
      `runs no script and shows the names as text, ${signedIn ? 'to their owner' : 'to a visitor'}`,
      { timeout: 120_000 },
      async () => {
        const context = await browser.newContext({ baseURL: site.url })
        try {
          const elsewhere = await blockOtherHosts(context, site.url)
          const problems = await watchProblems(context, site.url)
          if (signedIn)
            await context.addCookies([{ name: SESSION_COOKIE, value: owner.cookie.split('=')[1]!, url: site.url }])
          const page = await context.newPage()
          const dialogs: string[] = []
          page.on('dialog', (d) => {
            dialogs.push(d.message())
            void d.dismiss()
          })
          const paths = ['/u/mallory', '/u/mallory/collections', `/papers/${PAPER}`]
          await page.goto('/u/mallory/collections')
          const links = await page
            .locator('.collection-list h2 a')
            .evaluateAll((as) => as.map((a) => a.getAttribute('href')!))
          expect(links).toHaveLength(signedIn ? HOSTILE.length : HOSTILE.length / 2)
          for (const path of [...paths, ...links]) {
            await page.goto(path)
            await page.waitForLoadState('load')
            expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned), path).toBeUndefined()
          }
          await page.goto('/u/mallory/collections')
          const shown = await page.locator('.collection-list h2 a').allTextContents()
          for (const [i, name] of HOSTILE.entries()) {
            if (signedIn || i % 2 === 0) expect(shown).toContain(name.slice(0, 100))
          }
          if (signedIn) {
            await page.goto(`/papers/${PAPER}`)
            const options = await page.locator('#save-collection option').allTextContents()
            expect(options).toContain(HOSTILE[1])
          }
          await page.goto('/u/mallory')
          expect(await page.locator('h1').textContent()).toBe('<img src=x onerror="window.__pwned=99">')
          expect(dialogs).toEqual([])
          expect(problems).toEqual([])
          expect(elsewhere).toEqual([])
        } finally {
          await context.close()
        }
      },
    )
  }

  it(
    'saves a paper to a new collection from the paper page, the name asked for only then',
    { timeout: 60_000 },
    async () => {
      const reader = await signedInUser(db, 'saver')
      await createCollection(
        db,
        reader.user.id,
        { name: 'Existing list', description: '', isPublic: false },
        new Date().toISOString(),
      )
      const context = await browser.newContext({ baseURL: site.url })
      try {
        const problems = await watchProblems(context, site.url)
        await context.addCookies([{ name: SESSION_COOKIE, value: reader.cookie.split('=')[1]!, url: site.url }])
        const page = await context.newPage()
        await page.goto(`/papers/${PAPER}`)
        const name = page.getByLabel('Name, for a new collection')
        await expect.poll(() => name.isVisible()).toBe(false)
        await page.getByLabel('Save to').selectOption('new')
        await expect.poll(() => name.isVisible()).toBe(true)
        await name.fill('Weekend reading')
        await Promise.all([
          page.waitForURL(`**/papers/${PAPER}#save`),
          page.getByRole('button', { name: 'Save', exact: true }).click(),
        ])
        expect(await page.locator('.saved-in a').allTextContents()).toEqual(['Weekend reading'])
        expect(problems).toEqual([])
      } finally {
        await context.close()
      }
    },
  )
})
