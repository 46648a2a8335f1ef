// `npm run bench -- digest-crash [--kills 20] [--subscribers 2000] [--db sqlite|postgres]`
// Crash safety of the digest: `paperboy digest send` (with its helper senders) is SIGKILLed at random
// moments of a run, again and again, and started again until a run ends; then every subscriber must have
// got the digest, and the ones sent twice (accepted by the mail server, killed before being marked) must be
// at most one sending window per sender per kill. test/digest-crash.test.ts runs a few kills in CI.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { DigestTables } from '../src/digest/schema.js'
import { newSubscriptionRow } from '../src/digest/store.js'
import { SEND_WINDOW } from '../src/digest/sender.js'
import { migrateToLatest } from '../src/migrations.js'
import { upsertPapers } from '../src/papers/upsert.js'
import { connect } from '../src/platform/db/connect.js'
import type { Figures } from './run.js'
import { scratchDatabase } from './scratch.js'
import { startSmtpSink } from './smtp-sink.js'

const CLI = fileURLToPath(new URL('../bin/paperboy.js', import.meta.url))
// Long enough that a live sender's window never outlives its lease, even on a loaded machine.
const LEASE_SECONDS = 5
const SENDERS = 2

export interface CrashReport {
  kills: number
  subscribers: number
  /** Subscribers who got no digest: must be 0. */
  missing: number
  /** Digests a subscriber got more than once (the in-flight ones at a kill). */
  duplicates: number
  /** What the duplicates may be at most: one window per sender per kill. */
  allowedDuplicates: number
}

/** `subscribers` confirmed subscribers who want a digest every day, and today's featured papers. */
export async function prepareDigestCrash(databaseUrl: string, subscribers: number): Promise<string[]> {
  const db = connect(databaseUrl)
  try {
    await migrateToLatest(db)
    const day = new Date().toISOString().slice(0, 10)
    await upsertPapers(
      db,
      Array.from({ length: 12 }, (_, i) => ({
        id: `2608.${String(20000 + i)}`,
        title: `A paper on crash-safe delivery, number ${i}`,
        abstract: 'We study sending mail exactly once. '.repeat(8),
        authors: ['Ada Lovelace', 'Alan Turing'],
        categories: ['cs.DC'],
        featuring: {
          featuredOn: day,
          source: 'hf',
          position: i,
          submittedBy: null,
          submittedAt: `${day}T06:00:00.000Z`,
        },
      })),
    )
    const emails = Array.from({ length: subscribers }, (_, i) => `reader${i}@lab${i % 13}.example.org`)
    const now = new Date().toISOString()
    const kysely = db.kysely.withTables<DigestTables>()
    for (let i = 0; i < emails.length; i += 500) {
      await kysely
        .insertInto('subscriptions')
        .values(emails.slice(i, i + 500).map((email) => newSubscriptionRow(email, now, { every_day: 1 })))
        .execute()
    }
    return emails
  } finally {
    await db.close()
  }
}

/**
 * Runs `paperboy digest send --period daily` against `databaseUrl`, SIGKILLs it `kills` times at random
 * moments after it has delivered something, then lets a last run finish; counts what each subscriber got.
 */
export async function killAndResume(databaseUrl: string, emails: string[], kills: number): Promise<CrashReport> {
  const sink = await startSmtpSink()
  try {
    for (let kill = 0; kill < kills; kill++) {
      const before = await sink.received()
      const left = emails.length - before
      // Somewhere in the run: after at least one message, before the queue could be empty.
      const target = before + 1 + Math.floor(Math.random() * Math.max(1, left * 0.6))
      const child = sendProcess(databaseUrl, sink.url)
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
      let done = false
      void exited.then(() => (done = true))
      while (!done && (await sink.received()) < target) await pause(5)
      if (!done) child.kill('SIGKILL')
      await exited
      await pause(LEASE_SECONDS * 1000 + 200) // the dead sender's claims expire
    }
    const last = sendProcess(databaseUrl, sink.url)
    const code = await new Promise<number | null>((resolve) => last.once('exit', (c) => resolve(c)))
    if (code !== 0) throw new Error(`the last digest run exited with ${code}`)
    const got = await sink.recipients()
    let missing = 0
    let duplicates = 0
    for (const email of emails) {
      const n = got.get(email) ?? 0
      if (n === 0) missing++
      else duplicates += n - 1
    }
    return { kills, subscribers: emails.length, missing, duplicates, allowedDuplicates: kills * SENDERS * SEND_WINDOW }
  } finally {
    await sink.close()
  }
}

function sendProcess(databaseUrl: string, smtpUrl: string) {
  return spawn(process.execPath, [CLI, 'digest', 'send', '--period', 'daily'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      SMTP_URL: smtpUrl,
      BASE_URL: 'https://papers.example.org',
      DIGEST_SENDERS: String(SENDERS),
      DIGEST_LEASE_SECONDS: String(LEASE_SECONDS),
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export async function run(options: Record<string, string>): Promise<Figures> {
  const kills = Number(options.kills ?? 20)
  const subscribers = Number(options.subscribers ?? 2000)
  const kind = options.db ?? 'sqlite'
  const scratch = await scratchDatabase(kind, 'digest-crash')
  try {
    const emails = await prepareDigestCrash(scratch.url, subscribers)
    const report = await killAndResume(scratch.url, emails, kills)
    process.stderr.write(
      `${report.kills} kills: ${report.missing} subscribers without a digest, ${report.duplicates} sent twice (at most ${report.allowedDuplicates} allowed)\n`,
    )
    return { database: kind, ...report }
  } finally {
    await scratch.drop()
  }
}
