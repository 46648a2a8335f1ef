import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { upsertPapers } from '../src/papers/upsert.js'
import { signedInUser, type SignedIn } from './support/accounts.js'
import { createTestDb, type TestDb } from './support/db.js'
import { watchProblems } from './support/page-problems.js'
import { blockOtherHosts, launchChromium, type RunningSite, startSite } from './support/site.js'

const PAPER = '2401.05555'

const run = inject('chromiumAvailable') ? describe : describe.skip

run('commenting in Chromium', () => {
  let db: TestDb
  let site: RunningSite
  let browser: Browser
  let reader: SignedIn

  beforeAll(async () => {
    db = await createTestDb('sqlite')
    await upsertPapers(db, [{ id: PAPER, title: 'A Paper to Discuss', abstract: 'Talk about it.' }])
    reader = await signedInUser(db, 'grace')
    site = await startSite(db)
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await site?.close()
    await db?.drop()
  })

  for (const javaScriptEnabled of [true, false]) {
    it(`comments and replies ${javaScriptEnabled ? 'with' : 'without'} JavaScript`, async () => {
      const context = await browser.newContext({ baseURL: site.url, javaScriptEnabled })
      try {
        await blockOtherHosts(context, site.url)
        const problems = await watchProblems(context, site.url)
        const [name, value] = reader.cookie.split('=')
        await context.addCookies([{ name: name!, value: value!, url: site.url }])
        const page = await context.newPage()
        await page.goto(`/papers/${PAPER}`)
        await page.getByLabel('Add a comment').fill(`First, *${javaScriptEnabled}*`)
        await page.getByRole('button', { name: 'Comment', exact: true }).click()
        await expect.poll(() => page.url()).toMatch(/#comment-\d+$/)
        const first = page.locator('.comments > .comment').last()
        await expect.poll(() => first.locator('.comment-body em').textContent()).toBe(String(javaScriptEnabled))

        await first.locator('summary').getByText('Reply', { exact: true }).click()
        const box = first.getByLabel('Reply to grace')
        if (javaScriptEnabled) {
          // The script puts the cursor in the box, and Ctrl+Enter sends it.
          await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true)
          await page.keyboard.type('A reply, sent with Ctrl+Enter')
          await page.keyboard.press('Control+Enter')
        } else {
          await box.fill('A reply, sent with Ctrl+Enter')
          await first.getByRole('button', { name: 'Reply', exact: true }).click()
        }
        await expect
          .poll(() => page.locator('.comments.replies .comment-body').last().textContent())
          .toContain('A reply, sent with Ctrl+Enter')
        expect(problems).toEqual([])
      } finally {
        await context.close()
      }
    })
  }
})
