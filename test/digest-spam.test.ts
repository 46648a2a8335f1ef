import { execFile } from 'node:child_process'
import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { sendDigests } from '../src/digest/sender.js'
import { confirmSubscription, requestSubscription } from '../src/digest/store.js'
import { upsertPapers } from '../src/papers/upsert.js'
import { createMailer } from '../src/platform/mail/mailer.js'
import { createTestDb, type TestDb } from './support/db.js'
import { SPAMASSASSIN_PATH } from './support/env.js'

const run = inject('spamassassinAvailable') ? describe : describe.skip

/**
 * What a mailbox provider's filter makes of a digest: Debian's SpamAssassin scores the message
 * exactly as it would be sent (DKIM-signed, written by the outbox transport), with its local rules
 * (`-L`: this machine has no network for the DNS-based ones). It must score below 3.
 */
run('the digest and a spam filter', () => {
  let db: TestDb
  const outbox = mkdtempSync(join(tmpdir(), 'paperboy-spam-'))

  beforeAll(async () => {
    db = await createTestDb('sqlite')
    await upsertPapers(
      db,
      ['Sparse Attention at Scale', 'Tiny Recursive Reasoners', 'Diffusion Models for Weather'].map((title, i) => ({
        id: `2608.7770${i}`,
        title,
        abstract: `We study ${title.toLowerCase()}. Our method improves on strong baselines across four benchmarks.`,
        authors: ['Ada Lovelace', 'Alan Turing'],
        categories: ['cs.LG'],
        featuring: {
          featuredOn: '2026-08-21',
          source: 'hf',
          position: i,
          submittedBy: null,
          submittedAt: '2026-08-21T06:00:00.000Z',
        },
      })),
    )
  })
  afterAll(() => db?.drop())

  it('scores a digest below 3', { timeout: 60_000 }, async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const dkim = {
      domainName: 'papers.example.org',
      keySelector: 'pb',
      privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    }
    const logger = pino({ level: 'silent' })
    const mailer = createMailer(
      { smtpUrl: null, from: null, outboxDir: outbox, dkim },
      '"Paperboy" <digest@papers.example.org>',
      logger,
    )
    const now = Date.parse('2026-08-24T08:00:00.000Z')
    await requestSubscription(
      db,
      'reader@lab.example.org',
      { hash: 'h', expiresAt: '2100-01-01T00:00:00.000Z' },
      new Date(now).toISOString(),
    )
    await confirmSubscription(db, 'h', new Date(now).toISOString())
    const site = { name: 'Paperboy', baseUrl: 'https://papers.example.org' }
    // With both unsubscribe addresses, https and mailto, as a site with the provider's hooks sends it.
    const deps = { db, mailer, logger, site, clock: () => now, unsubscribeMailbox: 'unsubscribe@papers.example.org' }
    expect(await sendDigests(deps, 'daily', now)).toMatchObject({ sent: 1 })
    const [file] = readdirSync(outbox)
    const { stdout } = await promisify(execFile)(SPAMASSASSIN_PATH, ['-t', '-L', join(outbox, file!)], {
      maxBuffer: 16 * 1024 * 1024,
    }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' })) // exits non-zero for spam
    const score = Number(/X-Spam-Status: \w+, score=(-?[\d.]+)/.exec(stdout)?.[1])
    expect(score, stdout.slice(0, 2000)).toBeLessThan(3)
    expect(readFileSync(join(outbox, file!), 'utf8')).toMatch(/^DKIM-Signature: /m)
    expect(readFileSync(join(outbox, file!), 'utf8')).toMatch(/^List-Unsubscribe: <https:.*>, <mailto:unsubscribe\+/m)
  })
})
