import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { totpCodeAt } from '../src/community/accounts/two-factor.js'
import type { TestDb } from './support/db.js'
import { closeMailSite, startMailSite } from './support/mail-site.js'
import { blockOtherHosts, type RunningSite } from './support/site.js'
import type { SmtpSink } from './support/smtp.js'

/**
 * The account path in a real Chromium with JavaScript off, as the pages must work without it: sign
 * up, confirm from the email the SMTP server caught, turn on two-factor authentication, log out,
 * log in with a code, make a token, log out. SQLite only: the browser sees the same pages on both
 * databases, whose account queries the HTTP tests run on each.
 */
const run = inject('chromiumAvailable') ? describe : describe.skip
const PASSWORD = 'violet tensors hum at dawn'

run('the account path in a browser without JavaScript', () => {
  let db: TestDb
  let smtp: SmtpSink
  let site: RunningSite
  let browser: Browser

  beforeAll(async () => {
    ;({ db, smtp, site, browser } = await startMailSite())
  })
  afterAll(() => closeMailSite({ db, smtp, site, browser }))

  const submit = async (page: Page, button: string) => {
    await Promise.all([page.waitForLoadState(), page.getByRole('button', { name: button, exact: true }).click()])
  }

  it(
    'signs up, confirms, turns on two-factor, logs in with a code, makes a token and logs out',
    { timeout: 60_000 },
    async () => {
      const context = await browser.newContext({ baseURL: site.url, javaScriptEnabled: false })
      const elsewhere = await blockOtherHosts(context, site.url)
      const page = await context.newPage()
      try {
        await page.goto('/')
        await page.getByRole('link', { name: 'Sign up' }).click()
        await page.getByLabel('Username').fill('ada')
        await page.getByLabel('Email address').fill('ada@lab.example.org')
        await page.getByLabel('Password').fill(PASSWORD)
        await submit(page, 'Sign up')
        await expect.poll(() => page.locator('h1').textContent()).toBe('Check your inbox')

        const link = (await smtp.nextMessageTo('ada@lab.example.org')).links[0]!
        await page.goto(link.replace(/^https?:\/\/[^/]+/, ''))
        await submit(page, 'Confirm my address')
        await expect.poll(() => page.getByRole('navigation', { name: 'Account' }).textContent()).toContain('ada')

        await page.getByRole('link', { name: 'Settings' }).click()
        await page.locator('#two-factor-password').fill(PASSWORD)
        await submit(page, 'Set up two-factor authentication')
        const secret = (await page.locator('code.secret').first().textContent())!.replace(/\s/g, '')
        await page.getByLabel('Code from the app').fill(totpCodeAt(secret, Date.now()))
        await submit(page, 'Turn on two-factor authentication')
        expect(await page.locator('.recovery-codes li').count()).toBe(10)
        await page.getByRole('link', { name: 'I have saved them' }).click()

        await submit(page, 'Log out')
        await page.getByRole('link', { name: 'Log in' }).first().click()
        await page.getByLabel('Username or email').fill('ada@lab.example.org')
        await page.getByLabel('Password').fill(PASSWORD)
        await submit(page, 'Log in')
        await expect.poll(() => page.locator('h1').textContent()).toBe('Enter your authentication code')
        // The code the setup used is spent; the app's next one is accepted.
        await page.getByLabel('Authentication code').fill(totpCodeAt(secret, Date.now() + 30_000))
        await submit(page, 'Log in')
        await expect.poll(() => page.getByRole('navigation', { name: 'Account' }).textContent()).toContain('ada')

        await page.goto('/settings')
        await page.getByLabel('Token name').fill('my scripts')
        await submit(page, 'Create token')
        expect(await page.locator('.new-token code').textContent()).toMatch(/^pb_[A-Za-z0-9_-]{43}$/)

        await submit(page, 'Log out')
        await page.goto('/settings')
        expect(new URL(page.url()).pathname).toBe('/login')
        expect(elsewhere).toEqual([])
      } finally {
        await context.close()
      }
    },
  )
})
