import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { upsertPapers } from '../src/papers/upsert.js'
import type { TestDb } from './support/db.js'
import { closeMailSite, startMailSite } from './support/mail-site.js'
import { watchProblems } from './support/page-problems.js'
import { blockOtherHosts, type RunningSite } from './support/site.js'
import type { SmtpSink } from './support/smtp.js'

/**
 * The community's whole path in a real Chromium with JavaScript on, as a new member walks it: sign
 * up, confirm from the email the SMTP server caught, upvote a paper of the day, comment on it and
 * reply, submit a paper, find it on today's page with "submitted by", log out. The page logs no
 * error and no CSP violation on the way.
 */
const run = inject('chromiumAvailable') ? describe : describe.skip
const PASSWORD = 'the reading group meets on thursdays'
const DAY_MS = 86_400_000

run('the community path in a browser', () => {
  let db: TestDb
  let smtp: SmtpSink
  let site: RunningSite
  let browser: Browser
  const today = new Date().toISOString().slice(0, 10)

  beforeAll(async () => {
    ;({ db, smtp, site, browser } = await startMailSite())
    await upsertPapers(db, [
      {
        id: '2612.00101',
        title: 'Featured Today: Sparse Attention at Scale',
        abstract: 'A paper the community discusses.',
        authors: ['Grace Hopper'],
        publishedAt: new Date(Date.now() - DAY_MS).toISOString(),
        featuring: {
          featuredOn: today,
          source: 'hf',
          position: 1,
          submittedBy: null,
          submittedAt: new Date().toISOString(),
        },
      },
      {
        id: '2612.00202',
        title: 'Not Yet Featured: Tiny Recursive Reasoners',
        abstract: 'A paper a member submits.',
        authors: ['Alan Turing'],
        publishedAt: new Date(Date.now() - 3 * DAY_MS).toISOString(),
      },
    ])
  })
  afterAll(() => closeMailSite({ db, smtp, site, browser }))

  it(
    'signs up, confirms, upvotes, comments, replies, submits a paper, sees it today, and logs out',
    { timeout: 90_000 },
    async () => {
      const context = await browser.newContext({ baseURL: site.url })
      const elsewhere = await blockOtherHosts(context, site.url)
      const problems = await watchProblems(context, site.url)
      const page = await context.newPage()
      try {
        await page.goto('/')
        await page.getByRole('link', { name: 'Sign up' }).click()
        await page.getByLabel('Username').fill('ada')
        await page.getByLabel('Email address').fill('ada@lab.example.org')
        await page.getByLabel('Password').fill(PASSWORD)
        await page.getByRole('button', { name: 'Sign up' }).click()
        await expect.poll(() => page.locator('h1').textContent()).toBe('Check your inbox')
        const link = (await smtp.nextMessageTo('ada@lab.example.org')).links.find((l) => l.includes('/account/verify'))!
        await page.goto(link.replace(/^https?:\/\/[^/]+/, ''))
        await page.getByRole('button', { name: 'Confirm my address' }).click()
        await expect.poll(() => page.getByRole('navigation', { name: 'Account' }).textContent()).toContain('ada')

        // Upvote from today's list: the count moves without a reload.
        await page.goto('/')
        const card = page.locator('li', { hasText: 'Featured Today: Sparse Attention at Scale' })
        const vote = card.locator('button.vote-button')
        await expect.poll(() => vote.getAttribute('aria-pressed')).toBe('false')
        await vote.click()
        await expect.poll(() => vote.getAttribute('aria-pressed')).toBe('true')
        expect(await card.locator('.vote-count').textContent()).toBe('1')

        // Comment on the paper, then reply to the comment.
        await card.getByRole('link', { name: 'Featured Today: Sparse Attention at Scale' }).click()
        await page.getByLabel('Add a comment').fill('Does the **sparsity** hold at 1M tokens?')
        await page.getByRole('button', { name: 'Comment', exact: true }).click()
        await expect.poll(() => page.locator('.comment-body strong').first().textContent()).toBe('sparsity')
        await page.locator('.comment-actions summary', { hasText: 'Reply' }).first().click()
        await page.getByLabel('Reply to ada').fill('Answering myself: yes, see the appendix.')
        await page.getByRole('button', { name: 'Reply', exact: true }).click()
        await expect
          .poll(() => page.locator('.comment-body', { hasText: 'Answering myself: yes, see the appendix.' }).count())
          .toBe(1)
        expect(await page.getByRole('list', { name: 'Replies to ada' }).count()).toBe(1)

        // Submit a paper: it lands on today's page with its submitter.
        await page.getByRole('link', { name: 'Submit' }).first().click()
        await page.getByLabel('arXiv id or link').fill('https://arxiv.org/abs/2612.00202v1')
        await page.getByLabel('Comment (optional)').fill('Small model, strong results.')
        await page.getByRole('button', { name: 'Submit the paper' }).click()
        await expect.poll(() => page.locator('h1').textContent()).toBe('Not Yet Featured: Tiny Recursive Reasoners')
        await page.goto('/')
        const submitted = page.locator('li', { hasText: 'Not Yet Featured: Tiny Recursive Reasoners' })
        await expect.poll(() => submitted.textContent()).toContain('Submitted by')
        expect(await submitted.getByRole('link', { name: 'ada' }).count()).toBeGreaterThan(0)

        await page.getByRole('button', { name: 'Log out' }).click()
        await expect.poll(() => page.getByRole('navigation', { name: 'Account' }).textContent()).toContain('Log in')
        expect(problems).toEqual([])
        expect(elsewhere).toEqual([])
      } finally {
        await context.close()
      }
    },
  )
})
