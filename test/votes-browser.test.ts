import type { Browser, BrowserContextOptions, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { SESSION_COOKIE } from '../src/community/accounts/session-cookie.js'
import type { PaperRecord } from '../src/papers/model.js'
import { upsertPapers } from '../src/papers/upsert.js'
import { type SignedIn, signedInUser, TEST_PASSWORD } from './support/accounts.js'
import { axeViolations } from './support/axe.js'
import { createTestDb, type TestDb } from './support/db.js'
import { watchProblems } from './support/page-problems.js'
import { blockOtherHosts, launchChromium, type RunningSite, startSite } from './support/site.js'

const DAY = '2026-08-24'
const LISTING = `/papers/date/${DAY}`
const ids = ['2608.40001', '2608.40002', '2608.40003']

const record = (id: string, i: number): PaperRecord => ({
  id,
  title: `A paper worth a vote, number ${i + 1}`,
  abstract: 'Readers vote for it.',
  authors: ['Ada Lovelace', 'Grace Hopper'],
  publishedAt: `${DAY}T00:00:00.000Z`,
  counts: { upvotes: 7 - i, numComments: i },
  featuring: { featuredOn: DAY, source: 'hf', position: i, submittedBy: null, submittedAt: `${DAY}T06:00:00.000Z` },
})

const run = inject('chromiumAvailable') ? describe : describe.skip
run('the upvote button in Chromium', () => {
  let db: TestDb
  let site: RunningSite
  let browser: Browser
  let readers: SignedIn[]
  let nextReader = 0

  beforeAll(async () => {
    db = await createTestDb('sqlite')
    await upsertPapers(db, ids.map(record))
    readers = await Promise.all(['ada', 'bo', 'cy', 'di'].map((name) => signedInUser(db, name)))
    site = await startSite(db, () => Date.parse(`${DAY}T09:00:00.000Z`))
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await site?.close()
    await db?.drop()
  })

  /** A fresh profile, signed in as a reader of its own unless `anonymous`; no script error, no other host. */
  async function visit(options: BrowserContextOptions & { anonymous?: boolean }, test: (page: Page) => Promise<void>) {
    const { anonymous, ...contextOptions } = options
    const context = await browser.newContext({ ...contextOptions, baseURL: site.url })
    try {
      const elsewhere = await blockOtherHosts(context, site.url)
      const problems = await watchProblems(context, site.url)
      if (!anonymous) {
        const [name, value] = readers[nextReader++]!.cookie.split('=') as [string, string]
        expect(name).toBe(SESSION_COOKIE)
        await context.addCookies([{ name, value, url: site.url }])
      }
      await test(await context.newPage())
      expect(problems).toEqual([])
      expect(elsewhere).toEqual([])
    } finally {
      await context.close()
    }
  }
  /** The vote button of paper `id` (a listing has one per paper). */
  const voteOf = (page: Page, id: string, name: string, pressed?: boolean) =>
    page.locator(`form[action="/papers/${id}/vote"]`).getByRole('button', { name, exact: true, pressed })
  const shownUpvotes = async (id: string) =>
    (await db.kysely.selectFrom('papers').select('upvotes').where('id', '=', id).executeTakeFirstOrThrow()).upvotes

  it('votes without reloading the page, and takes the vote back', async () => {
    await visit({}, async (page) => {
      await page.goto(LISTING)
      await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true))
      const button = page.getByRole('button', { name: 'Upvote 7 upvotes' })
      await expect.poll(() => button.getAttribute('aria-pressed')).toBe('false')
      await button.click()
      const voted = page.getByRole('button', { name: 'Upvote 8 upvotes', pressed: true })
      await voted.waitFor()
      expect(await voted.textContent()).toContain('8')
      expect(await shownUpvotes(ids[0]!)).toBe(8)
      expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true)
      expect(await axeViolations(page)).toEqual([])

      await voted.click()
      await page.getByRole('button', { name: 'Upvote 7 upvotes', pressed: false }).waitFor()
      expect(await shownUpvotes(ids[0]!)).toBe(7)
      expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true)
    })
  })

  it('votes by keyboard', async () => {
    await visit({}, async (page) => {
      await page.goto(`/papers/${ids[1]}`)
      await page.getByRole('button', { name: 'Upvote 6 upvotes' }).focus()
      await page.keyboard.press('Enter')
      await page.getByRole('button', { name: 'Upvote 7 upvotes', pressed: true }).waitFor()
      await page.keyboard.press('Space')
      await page.getByRole('button', { name: 'Upvote 6 upvotes', pressed: false }).waitFor()
    })
  })

  it('works without JavaScript: the form is sent and the listing comes back with the vote in', async () => {
    await visit({ javaScriptEnabled: false }, async (page) => {
      await page.goto(LISTING)
      await Promise.all([page.waitForURL(LISTING), voteOf(page, ids[2]!, 'Upvote 5 upvotes').click()])
      await voteOf(page, ids[2]!, 'Upvote 6 upvotes', true).waitFor()
      expect(await shownUpvotes(ids[2]!)).toBe(6)
      await Promise.all([page.waitForURL(LISTING), voteOf(page, ids[2]!, 'Upvote 6 upvotes').click()])
      await voteOf(page, ids[2]!, 'Upvote 5 upvotes', false).waitFor()
    })
  })

  it('leads a logged-out reader to log in and back to the paper, where the vote is theirs to cast', async () => {
    await signedInUser(db, 'eve')
    await visit({ anonymous: true }, async (page) => {
      await page.goto(`/papers/${ids[1]}`)
      await page.getByRole('button', { name: 'Upvote 6 upvotes' }).click()
      await page.waitForURL(/\/login\?next=/)
      await page.getByLabel('Username or email').fill('eve')
      await page.getByLabel('Password').fill(TEST_PASSWORD)
      await Promise.all([page.waitForURL(`/papers/${ids[1]}`), page.getByRole('button', { name: 'Log in' }).click()])
      await page.getByRole('button', { name: 'Upvote 6 upvotes', pressed: false }).click()
      await page.getByRole('button', { name: 'Upvote 7 upvotes', pressed: true }).waitFor()
    })
  })
})
