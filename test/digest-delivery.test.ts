import pino from 'pino'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { claimDigests, enqueueDigests } from '../src/digest/outbox.js'
import { sendDigests } from '../src/digest/sender.js'
import { getSubscription, savePreferences, unsubscribe } from '../src/digest/store.js'
import { upsertPapers } from '../src/papers/upsert.js'
import { describeEachDatabase } from './support/db.js'
import { dkimSigning } from './support/dkim.js'
import { confirmedSubscriber, emptyDigestTables } from './support/digest.js'
import { type SmtpSink, startSmtpSink } from './support/smtp.js'

const SITE = { name: 'Paperboy', baseUrl: 'https://papers.example.org' }
const MONDAY = Date.parse('2026-08-24T08:00:00.000Z')
const DAY_MS = 86_400_000
const logger = pino({ level: 'silent' })

/** Delivery of the digest through a real SMTP server, faults included, on both databases. */
describeEachDatabase('digest delivery', (db) => {
  let smtp: SmtpSink
  let answers: Map<string, number[]>
  let clock: number
  let nextId = 0

  beforeEach(async () => {
    answers = new Map()
    // Each address's queued answers (550, 451…), one per attempt; then it accepts.
    smtp = await startSmtpSink({ answerTo: (address) => answers.get(address)?.shift() })
    clock = MONDAY
    // Each test starts from no subscriber and no featured day (the catalog's papers may stay).
    await emptyDigestTables(db())
  })
  afterEach(() => smtp.close())

  const deps = () => ({ db: db(), mailer: smtp.mailer, logger, site: SITE, clock: () => clock })
  const send = () => sendDigests(deps(), 'daily', clock)

  async function subscriber(email: string, prefs: { categories?: string[] } = {}): Promise<number> {
    const now = new Date(clock).toISOString()
    const id = await confirmedSubscriber(db(), email, clock)
    if (prefs.categories) {
      await savePreferences(
        db(),
        id,
        {
          frequency: 'daily',
          everyDay: false,
          categories: prefs.categories,
          keywords: [],
          maxPapers: 10,
          paused: false,
        },
        now,
      )
    }
    return id
  }

  async function feature(day: string, papers: { title: string; category: string }[]): Promise<string[]> {
    const ids = papers.map(() => `2608.${String(90000 + nextId++)}`)
    await upsertPapers(
      db(),
      papers.map((p, i) => ({
        id: ids[i]!,
        title: p.title,
        abstract: `About ${p.title}.`,
        categories: [p.category],
        authors: ['Ada Lovelace'],
        featuring: {
          featuredOn: day,
          source: 'hf',
          position: i,
          submittedBy: null,
          submittedAt: `${day}T06:00:00.000Z`,
        },
      })),
    )
    return ids
  }

  it('sends every subscriber one digest of their papers, with both parts and the list headers; running again sends nothing', async () => {
    await feature('2026-08-21', [
      { title: 'A Vision Transformer', category: 'cs.CV' },
      { title: 'A Language Agent', category: 'cs.CL' },
    ])
    await subscriber('all@lab.org')
    await subscriber('vision@lab.org', { categories: ['cs.CV'] })
    const report = await send()
    expect(report).toMatchObject({ period: 'daily:2026-08-21', queued: 2, sent: 2, failed: 0 })
    const all = await smtp.nextMessageTo('all@lab.org')
    const vision = await smtp.nextMessageTo('vision@lab.org')
    expect(all.text).toContain('A Vision Transformer')
    expect(all.text).toContain('A Language Agent')
    expect(vision.text).toContain('A Vision Transformer')
    expect(vision.text).not.toContain('A Language Agent')
    expect(all.html).toContain('<table')
    // mailparser reads the List-* headers (RFC 2369, 8058) into one structure.
    const list = all.headers.get('list') as {
      id: { id: string }
      unsubscribe: { url: string }
      'unsubscribe-post': { name: string }
    }
    expect(list.id.id).toBe('digest.papers.example.org')
    expect(list.unsubscribe.url).toMatch(/^https:\/\/papers\.example\.org\/digest\/unsubscribe\?s=\d+\.[\w-]{22}$/)
    expect(list['unsubscribe-post'].name).toBe('List-Unsubscribe=One-Click')
    expect(all.headers.get('message-id')).not.toBe(vision.headers.get('message-id'))
    expect(await send()).toMatchObject({ queued: 0, sent: 0 })
    expect(smtp.messages.length).toBe(2)
  })

  it('never sends a paper twice: the next day brings only new papers', async () => {
    await feature('2026-08-21', [{ title: 'Yesterday’s Paper', category: 'cs.LG' }])
    await subscriber('daily@lab.org')
    await send()
    await smtp.nextMessageTo('daily@lab.org')
    await feature('2026-08-24', [{ title: 'Today’s Paper', category: 'cs.LG' }])
    clock += DAY_MS // Tuesday
    expect(await send()).toMatchObject({ period: 'daily:2026-08-24', sent: 1 })
    const second = await smtp.nextMessageTo('daily@lab.org')
    expect(second.text).toContain('Today’s Paper')
    expect(second.text).not.toContain('Yesterday’s Paper')
  })

  it('marks a refused address (550) failed and counts the bounce; retries a deferred one (451) later', async () => {
    await feature('2026-08-21', [{ title: 'A Paper', category: 'cs.LG' }])
    const bad = await subscriber('gone@lab.org')
    await subscriber('busy@lab.org')
    await subscriber('fine@lab.org')
    answers.set('gone@lab.org', [550])
    answers.set('busy@lab.org', [451])
    expect(await send()).toMatchObject({ sent: 1, failed: 1, retried: 1 })
    expect(smtp.messagesTo('busy@lab.org')).toEqual([])
    clock += 2 * 60_000 // past the first backoff
    expect(await send()).toMatchObject({ queued: 0, sent: 1 })
    expect(smtp.messagesTo('busy@lab.org').length).toBe(1)
    expect(smtp.messagesTo('gone@lab.org')).toEqual([])
    const rows = await db()
      .kysely.selectFrom('subscriptions' as never)
      .select(['bounces' as never])
      .where('id' as never, '=', bad as never)
      .execute()
    expect(rows).toEqual([{ bounces: 1 }])
  })

  it('resumes after a sender died: what it had claimed is sent once, when its lease runs out', async () => {
    await feature('2026-08-21', [{ title: 'A Paper', category: 'cs.LG' }])
    for (const name of ['a', 'b', 'c']) await subscriber(`${name}@lab.org`)
    await enqueueDigests(db(), 'daily', 'daily:2026-08-21', false, new Date(clock).toISOString())
    // A sender claims two, then dies without sending or marking them.
    const claimed = await claimDigests(
      db(),
      2,
      new Date(clock).toISOString(),
      new Date(clock + 5 * 60_000).toISOString(),
    )
    expect(claimed.length).toBe(2)
    expect(await send()).toMatchObject({ sent: 1 }) // the leases still hold: only the third goes
    clock += 6 * 60_000
    expect(await send()).toMatchObject({ sent: 2 })
    for (const name of ['a', 'b', 'c']) expect(smtp.messagesTo(`${name}@lab.org`).length).toBe(1)
  })

  it('sends with helper senders in worker threads: every subscriber gets one digest, none twice', async () => {
    await feature('2026-08-21', [{ title: 'A Paper', category: 'cs.LG' }])
    const emails = Array.from({ length: 120 }, (_, i) => `reader${i}@lab.org`)
    for (const email of emails) await subscriber(email)
    const helpers = {
      count: 2,
      databaseUrl: db().url,
      mail: { smtpUrl: smtp.url, from: null, outboxDir: '' },
      from: '"Paperboy" <digest@papers.example.org>',
    }
    expect(await sendDigests({ ...deps(), helpers }, 'daily', clock)).toMatchObject({ queued: 120, sent: 120 })
    for (const email of emails) expect(smtp.messagesTo(email).length).toBe(1)
    const statuses = await db()
      .kysely.selectFrom('digest_outbox' as never)
      .select(['status' as never])
      .distinct()
      .execute()
    expect(statuses).toEqual([{ status: 'sent' }])
  })

  it('signs every digest with DKIM, covering both List-Unsubscribe headers, and an independent verifier passes it', async () => {
    const { mailer: signing, verify } = dkimSigning(smtp.url)
    try {
      await feature('2026-08-21', [
        { title: 'A Paper with a Title Long Enough to Fold Its Subject Header Over Lines', category: 'cs.LG' },
      ])
      await subscriber('signed@lab.org')
      expect(await sendDigests({ ...deps(), mailer: signing }, 'daily', clock)).toMatchObject({ sent: 1 })
      const mail = await smtp.nextMessageTo('signed@lab.org')
      const verdict = await verify(mail.raw)
      expect(verdict.result).toBe('pass')
      expect(verdict.signedHeaders).toContain('list-unsubscribe')
      expect(verdict.signedHeaders).toContain('list-unsubscribe-post')
    } finally {
      signing.close()
    }
  })

  it('skips a subscriber who left before their turn, and one who paused', async () => {
    await feature('2026-08-21', [{ title: 'A Paper', category: 'cs.LG' }])
    const leaving = await subscriber('leaving@lab.org')
    const paused = await subscriber('paused@lab.org')
    await enqueueDigests(db(), 'daily', 'daily:2026-08-21', false, new Date(clock).toISOString())
    await unsubscribe(db(), leaving, new Date(clock).toISOString())
    const prefs = (await getSubscription(db(), paused))!
    await savePreferences(db(), paused, { ...prefs, paused: true }, new Date(clock).toISOString())
    expect(await send()).toMatchObject({ sent: 0, skipped: 2 })
    expect(smtp.messages).toEqual([])
  })
})
