import type { Browser } from 'playwright-core'
import { createTestDb, type TestDb } from './db.js'
import { launchChromium, type RunningSite, startSite } from './site.js'
import { type SmtpSink, startSmtpSink } from './smtp.js'

/** What a browser test of a path through email needs: a database, an SMTP server, the site sending to it, Chromium. */
export interface MailSite {
  db: TestDb
  smtp: SmtpSink
  site: RunningSite
  browser: Browser
}

export async function startMailSite(): Promise<MailSite> {
  const db = await createTestDb('sqlite')
  const smtp = await startSmtpSink()
  const site = await startSite(db, undefined, { mailer: smtp.mailer })
  return { db, smtp, site, browser: await launchChromium() }
}

/** Stops what `startMailSite` started (any part may be missing when setting up failed). */
export async function closeMailSite(m: Partial<MailSite>): Promise<void> {
  await m.browser?.close()
  await m.site?.close()
  await m.smtp?.close()
  await m.db?.drop()
}
