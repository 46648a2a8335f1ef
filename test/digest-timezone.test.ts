import pino from 'pino'
import { beforeEach, expect, it } from 'vitest'
import { sendDigests } from '../src/digest/sender.js'
import { getSubscription, savePreferences } from '../src/digest/store.js'
import { describeEachDatabase } from './support/db.js'
import { confirmedSubscriber, oneFeaturedPaper } from './support/digest.js'
import { type SmtpSink, startSmtpSink } from './support/smtp.js'

const SITE = { name: 'Paperboy', baseUrl: 'https://papers.example.org' }
const logger = pino({ level: 'silent' })
/** Sunday 23:30 in UTC: already Monday 08:30 in Tokyo. */
const SUNDAY_NIGHT_UTC = Date.parse('2026-08-23T23:30:00.000Z')
/** Saturday 06:30 in UTC: still Friday 23:30 in Los Angeles. */
const SATURDAY_MORNING_UTC = Date.parse('2026-08-22T06:30:00.000Z')

/** Which day a digest is for follows DIGEST_TIMEZONE, through a real SMTP server on both databases. */
describeEachDatabase('digest days in DIGEST_TIMEZONE', (db) => {
  let smtp: SmtpSink
  beforeEach(async () => {
    smtp?.close()
    smtp = await startSmtpSink()
    await oneFeaturedPaper(db(), { id: '2608.80001', title: 'A Friday Paper', abstract: 'About Friday.' })
  })
  const send = (frequency: 'daily' | 'weekly', now: number, timezone: string) =>
    sendDigests({ db: db(), mailer: smtp.mailer, logger, site: SITE, timezone }, frequency, now)

  it('sends Monday’s daily and weekly digests at 08:30 in Tokyo, though it is Sunday in UTC', async () => {
    await confirmedSubscriber(db(), 'daily@lab.org', SUNDAY_NIGHT_UTC)
    const weekly = await confirmedSubscriber(db(), 'weekly@lab.org', SUNDAY_NIGHT_UTC)
    const prefs = (await getSubscription(db(), weekly))!
    await savePreferences(db(), weekly, { ...prefs, frequency: 'weekly' }, new Date(SUNDAY_NIGHT_UTC).toISOString())

    // In UTC it is Sunday: no weekday digest.
    expect(await send('daily', SUNDAY_NIGHT_UTC, 'UTC')).toMatchObject({ period: 'daily:2026-08-21', queued: 0 })
    expect(await send('daily', SUNDAY_NIGHT_UTC, 'Asia/Tokyo')).toMatchObject({
      period: 'daily:2026-08-21',
      sent: 1,
    })
    expect(await send('weekly', SUNDAY_NIGHT_UTC, 'Asia/Tokyo')).toMatchObject({ period: 'weekly:2026-W34', sent: 1 })
    expect((await smtp.nextMessageTo('daily@lab.org')).text).toContain('A Friday Paper')
    expect((await smtp.nextMessageTo('weekly@lab.org')).text).toContain('A Friday Paper')
  })

  it('still sends Friday’s digest at 23:30 in Los Angeles, though it is Saturday in UTC', async () => {
    await confirmedSubscriber(db(), 'late@lab.org', SATURDAY_MORNING_UTC)
    expect(await send('daily', SATURDAY_MORNING_UTC, 'UTC')).toMatchObject({ queued: 0 })
    expect(await send('daily', SATURDAY_MORNING_UTC, 'America/Los_Angeles')).toMatchObject({
      period: 'daily:2026-08-21',
      sent: 1,
    })
  })
})
