import { mkdirSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { SESSION_COOKIE } from '../src/community/accounts/session-cookie.js'
import type { PaperRecord } from '../src/papers/model.js'
import { upsertPapers } from '../src/papers/upsert.js'
import { type SignedIn, signedInUser } from './support/accounts.js'
import { axeViolations } from './support/axe.js'
import { createTestDb, type TestDb } from './support/db.js'
import { watchProblems } from './support/page-problems.js'
import { blockOtherHosts, launchChromium, type RunningSite, startSite } from './support/site.js'

const AUTHOR = 'Ada Lovelace'
const record = (id: string, title: string, authors: string[], categories: string[]): PaperRecord => ({
  id,
  title,
  abstract: 'We study engines.',
  authors,
  categories,
  publishedAt: new Date(Date.now() - 86_400_000).toISOString(),
})

const run = inject('chromiumAvailable') ? describe : describe.skip
run('following an author in Chromium', () => {
  let db: TestDb
  let site: RunningSite
  let browser: Browser
  let reader: SignedIn

  beforeAll(async () => {
    db = await createTestDb('sqlite')
    await upsertPapers(db, [
      record('2611.10001', 'Notes on the analytical engine', [AUTHOR, 'Charles Babbage'], ['cs.LG']),
      record('2611.10002', 'Optics by another Ada', [AUTHOR, 'Marie Curie'], ['physics.optics']),
    ])
    reader = await signedInUser(db, 'reader')
    site = await startSite(db)
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await site?.close()
    await db?.drop()
  })

  async function asReader(test: (page: Page) => Promise<void>) {
    const context = await browser.newContext({ baseURL: site.url })
    try {
      const elsewhere = await blockOtherHosts(context, site.url)
      const problems = await watchProblems(context, site.url)
      const [name, value] = reader.cookie.split('=') as [string, string]
      expect(name).toBe(SESSION_COOKIE)
      await context.addCookies([{ name, value, url: site.url }])
      await test(await context.newPage())
      expect(problems).toEqual([])
      expect(elsewhere).toEqual([])
    } finally {
      await context.close()
    }
  }

  it('follows an author by keyboard, lists their new paper on the Following page, and marks it seen', async () => {
    await asReader(async (page) => {
      await page.goto('/papers/2611.10001')
      await page.getByRole('link', { name: AUTHOR }).click()
      await page.waitForURL('/authors/Ada%20Lovelace')
      expect(await axeViolations(page)).toEqual([])
      // Only the Ada who writes with Babbage: tick him, by keyboard, then press Follow.
      await page.getByRole('checkbox', { name: /Charles Babbage/ }).focus()
      await page.keyboard.press('Space')
      await page.getByRole('button', { name: `Follow ${AUTHOR}` }).focus()
      await Promise.all([page.waitForURL('/authors/Ada%20Lovelace'), page.keyboard.press('Enter')])
      await page.getByRole('button', { name: `Following ${AUTHOR}`, pressed: true }).waitFor()
      expect(await page.getByText('this name’s papers with Charles Babbage').count()).toBe(1)

      // Seen what is there now; then a new paper of theirs arrives, and one of the namesake's.
      await page.getByRole('link', { name: 'Following', exact: true }).click()
      await page.waitForURL('/following')
      await Promise.all([page.waitForURL('/following'), page.getByRole('button', { name: 'Mark all as seen' }).click()])
      await page.getByText('Nothing new since you last looked').waitFor()
      await upsertPapers(db, [
        record('2611.10003', 'A later engine', ['Charles Babbage', AUTHOR], ['cs.LG']),
        record('2611.10004', 'More optics', [AUTHOR, 'Marie Curie'], ['physics.optics']),
      ])
      await page.reload()
      const item = page.getByRole('listitem').filter({ hasText: 'A later engine' })
      await item.waitFor()
      expect(await item.getByRole('list', { name: 'Why this paper' }).textContent()).toBe(
        'Author: Ada Lovelace (with co-author Charles Babbage)',
      )
      expect(await page.getByText('More optics').count()).toBe(0)
      expect(await axeViolations(page)).toEqual([])

      await Promise.all([page.waitForURL('/following'), page.getByRole('button', { name: 'Mark all as seen' }).click()])
      await page.getByText('Nothing new since you last looked').waitFor()
      expect(await page.getByText('A later engine').count()).toBe(0)
    })
  })

  it('offers the Following page as a private feed to copy, and resets its link', async () => {
    await asReader(async (page) => {
      await page.goto('/following')
      const field = page.getByLabel('RSS address')
      const before = await field.inputValue()
      expect(before).toMatch(/\/following\/\d+-[0-9a-f]{32}\/feed\.rss$/)
      expect(await page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute('href')).toBe(
        before.replace(/rss$/, 'atom'),
      )
      expect(await axeViolations(page)).toEqual([])
      if (process.env.SCREENSHOT_DIR) {
        mkdirSync(process.env.SCREENSHOT_DIR, { recursive: true })
        await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/following-feed.png`, fullPage: true })
      }
      await page.getByRole('button', { name: 'Reset the link' }).focus()
      await Promise.all([page.waitForURL(/done=reset/), page.keyboard.press('Enter')])
      await page.getByText('The link was reset').waitFor()
      expect(await page.getByLabel('RSS address').inputValue()).not.toBe(before)
      expect((await page.request.get(new URL(before).pathname)).status()).toBe(404)
    })
  })

  it('works without JavaScript: unfollowing from the settings page', async () => {
    const context = await browser.newContext({ baseURL: site.url, javaScriptEnabled: false })
    try {
      const [name, value] = reader.cookie.split('=') as [string, string]
      await context.addCookies([{ name, value, url: site.url }])
      const page = await context.newPage()
      await page.goto('/settings/follows')
      const follows = page.getByRole('list', { name: 'Your follows' })
      await follows.getByLabel('Alert').selectOption('daily')
      await Promise.all([page.waitForURL(/done=saved/), follows.getByRole('button', { name: 'Save' }).click()])
      expect(await follows.getByLabel('Alert').inputValue()).toBe('daily')
      await Promise.all([page.waitForURL(/done=unfollowed/), page.getByRole('button', { name: 'Unfollow' }).click()])
      await page.getByText('You follow nothing yet').waitFor()
    } finally {
      await context.close()
    }
  })
})
