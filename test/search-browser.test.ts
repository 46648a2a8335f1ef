import type { Browser, BrowserContextOptions, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { PaperRecord } from '../src/papers/model.js'
import { upsertPapers } from '../src/papers/upsert.js'
import { axeViolations } from './support/axe.js'
import { seedCheckedPages } from './support/checked-pages.js'
import { createTestDb, type TestDb } from './support/db.js'
import { watchProblems } from './support/page-problems.js'
import { blockOtherHosts, launchChromium, type RunningSite, seedCatalog, startSite } from './support/site.js'

/**
 * Searching as a visitor does, in Chromium: the header box, the filters, the pages of results
 * and their highlights, a pasted id, and the form by keyboard alone. axe-core checks every page
 * reached (the Nu checker and the other viewports read the search pages in CHECKED_PAGES).
 */
const TODAY = '2026-08-24'
const ENVHARNESS = 'EnvHarness: Awakening Static Worlds for Agent Learning'
const VIEWPORTS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } }
const QUASARS = 45

// 45 papers on one rare word: three pages of results, every third in astro-ph.GA, every fifth with code.
const quasar = (i: number): PaperRecord => ({
  id: `2605.${20000 + i}`,
  title: `Quasar Variability Survey ${i}`,
  abstract: `We observe the light curves of quasar sample ${i} over ten years.`,
  authors: ['Ada Observer'],
  categories: i % 3 === 0 ? ['astro-ph.GA'] : ['astro-ph.CO'],
  publishedAt: `2026-0${1 + (i % 8)}-1${i % 10}T00:00:00.000Z`,
  ...(i % 5 === 0 && { githubRepo: `https://github.com/lab/quasar-${i}` }),
  counts: { upvotes: i, numComments: 0 },
})

const run = inject('chromiumAvailable') ? describe : describe.skip

run('search in Chromium', () => {
  let db: TestDb
  let site: RunningSite
  let browser: Browser

  beforeAll(async () => {
    db = await createTestDb('sqlite')
    await seedCatalog(db, TODAY)
    await seedCheckedPages(db)
    await upsertPapers(
      db,
      Array.from({ length: QUASARS }, (_, i) => quasar(i)),
    )
    site = await startSite(db, () => Date.parse(`${TODAY}T09:00:00.000Z`))
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await site?.close()
    await db?.drop()
  })

  /**
   * A fresh profile; the test's `checked` runs axe-core on the page as it is now. Every test ends by
   * checking axe found nothing, the console logged no errors, and no other host was asked for anything.
   */
  async function visit(
    options: BrowserContextOptions,
    test: (page: Page, checked: () => Promise<void>) => Promise<void>,
  ) {
    const context = await browser.newContext({ ...options, baseURL: site.url })
    try {
      const elsewhere = await blockOtherHosts(context, site.url)
      const problems = await watchProblems(context, site.url)
      const page = await context.newPage()
      const found: string[] = []
      await test(page, async () => {
        found.push(...(await axeViolations(page)).map((v) => `${page.url()}: ${v}`))
      })
      expect(found).toEqual([])
      expect(problems).toEqual([])
      expect(elsewhere).toEqual([])
    } finally {
      await context.close()
    }
  }

  const results = (page: Page) => page.locator('.papers > li')
  const resultTitles = (page: Page) => page.locator('.papers h2 a').allTextContents()
  const submitFrom = async (page: Page, locator: ReturnType<Page['locator']>) => {
    await Promise.all([page.waitForURL(/\/search\?|\/papers\//), locator.press('Enter')])
  }
  const scrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)

  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    describe(`on a ${name} (${viewport.width}px)`, () => {
      it('searches from the header box and shows the matched words marked', async () => {
        await visit({ viewport }, async (page, checked) => {
          await page.goto('/')
          const box = page.getByRole('searchbox', { name: 'Search papers' })
          await box.fill('quasar variability')
          await submitFrom(page, box)
          expect(new URL(page.url()).searchParams.get('q')).toBe('quasar variability')
          expect(await results(page).count()).toBe(20)
          expect(await page.locator('.search-summary').first().textContent()).toMatch(/45 results · Page 1 of 3/)
          const marks = await page.locator('.papers mark').allTextContents()
          expect(marks.length).toBeGreaterThanOrEqual(40)
          // Adjacent matched words share one mark.
          const words = marks.flatMap((m) => m.toLowerCase().split(/\s+/))
          expect(new Set(words)).toEqual(new Set(['quasar', 'variability']))
          expect(await scrollsSideways(page)).toBe(false)
          await checked()
        })
      })

      it('filters by category and code, sorts, and pages through the results', async () => {
        await visit({ viewport }, async (page, checked) => {
          await page.goto('/search?q=quasar')
          const form = page.getByRole('form', { name: 'Search with filters' })
          await form.getByLabel('Category').fill('astro-ph.GA')
          await form.getByLabel('Sort by').selectOption('upvotes')
          await Promise.all([page.waitForURL(/category=/), form.getByRole('button', { name: 'Search' }).click()])
          expect(await results(page).count()).toBe(15)
          const votes = (await page.locator('.papers .vote-count').allTextContents()).map(Number)
          expect(votes).toEqual([...votes].sort((a, b) => b - a))
          await checked()

          await form.getByLabel('Has code').check()
          await Promise.all([page.waitForURL(/has_code=1/), form.getByRole('button', { name: 'Search' }).click()])
          expect(await resultTitles(page)).toEqual([
            'Quasar Variability Survey 30',
            'Quasar Variability Survey 15',
            'Quasar Variability Survey 0',
          ])
          expect(await form.getByLabel('Has code').isChecked()).toBe(true)
          expect(await form.getByLabel('Category').inputValue()).toBe('astro-ph.GA')

          await page.goto('/search?q=quasar&sort=newest')
          const pages = page.getByRole('navigation', { name: 'Result pages' })
          const first = await resultTitles(page)
          await Promise.all([page.waitForURL(/page=2/), pages.getByRole('link', { name: 'Next →' }).click()])
          const second = await resultTitles(page)
          expect(second).toHaveLength(20)
          expect(second.filter((t) => first.includes(t))).toEqual([])
          expect(await page.locator('.search-summary').first().textContent()).toMatch(/Page 2 of 3/)
          await checked()
          await Promise.all([page.waitForURL(/page=3/), pages.getByRole('link', { name: 'Next →' }).click()])
          expect(await results(page).count()).toBe(5)
          expect(await pages.getByRole('link', { name: 'Next →' }).count()).toBe(0)
        })
      })

      it('says when nothing matches and loosens the filters with one link', async () => {
        await visit({ viewport }, async (page, checked) => {
          await page.goto('/search?q=quasar&category=hep-th&within=week')
          expect(await page.locator('.empty').textContent()).toContain('No papers match “quasar”')
          await checked()
          await Promise.all([
            page.waitForURL((url) => url.search === '?q=quasar'),
            page.getByRole('link', { name: 'search without the filters' }).click(),
          ])
          expect(await results(page).count()).toBe(20)
        })
      })

      it('goes straight to the paper when an arXiv link is pasted', async () => {
        await visit({ viewport }, async (page, checked) => {
          await page.goto('/')
          const box = page.getByRole('searchbox', { name: 'Search papers' })
          await box.fill('https://arxiv.org/abs/2608.19880v2')
          await submitFrom(page, box)
          expect(new URL(page.url()).pathname).toBe('/papers/2608.19880')
          expect(await page.locator('h1').textContent()).toBe(ENVHARNESS)
          await checked()
        })
      })

      it('opens the help page from the search page', async () => {
        await visit({ viewport }, async (page, checked) => {
          await page.goto('/search')
          await checked()
          await Promise.all([
            page.waitForURL('**/search/help'),
            page.getByRole('link', { name: /How to search/ }).click(),
          ])
          expect(await page.locator('h1').textContent()).toBe('How to search')
          expect(await page.getByRole('table').textContent()).toContain('author:"Yann LeCun"')
          expect(await scrollsSideways(page)).toBe(false)
          await checked()
        })
      })
    })
  }

  it('can be used with the keyboard alone', async () => {
    await visit({ viewport: VIEWPORTS.desktop }, async (page, checked) => {
      await page.goto('/search')
      const focused = () => page.evaluate(() => document.activeElement?.id ?? '')
      const tabTo = async (id: string, key = 'Tab') => {
        for (let i = 0; i < 40 && (await focused()) !== id; i++) await page.keyboard.press(key)
        expect(await focused()).toBe(id)
      }
      await tabTo('search-q')
      await page.keyboard.type('quasar')
      await tabTo('search-category')
      await page.keyboard.type('astro-ph.CO')
      await tabTo('search-within')
      await page.keyboard.press('ArrowDown') // Any time → Past week
      await tabTo('search-sort')
      await page.keyboard.press('ArrowDown') // Relevance → Newest
      await tabTo('search-code')
      await page.keyboard.press('Space')
      await tabTo('search-q', 'Shift+Tab')
      await Promise.all([page.waitForURL(/has_code=1/), page.keyboard.press('Enter')])
      const params = new URL(page.url()).searchParams
      expect(Object.fromEntries(params)).toMatchObject({
        q: 'quasar',
        category: 'astro-ph.CO',
        within: 'week',
        sort: 'newest',
        has_code: '1',
      })
      await checked()
      // Focus is visible wherever it lands in the form.
      await tabTo('search-category')
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)
      expect(outline).not.toBe('none')
    })
  })

  it('switches the date preset to custom days when a day is typed, and back', async () => {
    await visit({ viewport: VIEWPORTS.desktop }, async (page) => {
      await page.goto('/search?q=quasar&within=week')
      const form = page.getByRole('form', { name: 'Search with filters' })
      await form.getByLabel('From').fill('2026-02-01')
      expect(await form.getByLabel('Published').inputValue()).toBe('custom')
      await Promise.all([page.waitForURL(/from=2026-02-01/), form.getByRole('button', { name: 'Search' }).click()])
      expect(await results(page).count()).toBe(20)
      // The six quasar papers of January are left out.
      expect(await page.locator('.search-summary').first().textContent()).toMatch(/^39 results/)
      await form.getByLabel('Published').selectOption('month')
      expect(await form.getByLabel('From').inputValue()).toBe('')
    })
  })

  it('works with JavaScript disabled', async () => {
    await visit({ viewport: VIEWPORTS.phone, javaScriptEnabled: false }, async (page) => {
      await page.goto('/search?q=quasar')
      const form = page.getByRole('form', { name: 'Search with filters' })
      await form.getByLabel('Published').selectOption('year')
      await form.getByLabel('From').fill('2026-01-01')
      await Promise.all([page.waitForURL(/within=year/), form.getByRole('button', { name: 'Search' }).click()])
      // The preset wins over the day, and the form says so by leaving the day empty.
      expect(await form.getByLabel('From').inputValue()).toBe('')
      expect(await results(page).count()).toBe(20)
    })
  })
})
