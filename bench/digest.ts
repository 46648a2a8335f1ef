// `npm run bench -- digest [--n 100000] [--dkim] [--db sqlite|postgres] [--senders K] [--no-reference]`
// The digest end to end: n active subscribers with varied topics, one day's featured papers; the
// sender queues, composes, renders and delivers every digest to a local SMTP sink (npm smtp-server in a
// process of its own, which reads and discards each message), optionally DKIM-signed (RSA-2048). Figures: emails/s
// end to end and the sending process's peak RSS (the send runs compiled in a process of its own, bench/digest-sender.mjs). The reference measured in the same run, once the digests are out: plain nodemailer
// sending a fixed message to the same sink (no database, no rendering), as the issue's ~1,440/s.
import { generateKeyPairSync } from 'node:crypto'
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { promisify } from 'node:util'
import nodemailer from 'nodemailer'
import { defaultSenders } from '../src/digest/settings.js'
import { POOL_CONNECTIONS } from '../src/platform/mail/mailer.js'
import type { DigestTables } from '../src/digest/schema.js'
import { newSubscriptionRow } from '../src/digest/store.js'
import { migrateToLatest } from '../src/migrations.js'
import { upsertPapers } from '../src/papers/upsert.js'
import { connect } from '../src/platform/db/connect.js'
import type { Figures } from './run.js'
import { scratchDatabase } from './scratch.js'
import { startSmtpSink } from './smtp-sink.js'

const PAPERS = 60
const CATEGORIES = ['cs.LG', 'cs.CL', 'cs.CV', 'cs.AI', 'stat.ML', 'cs.RO']
const KEYWORDS = ['diffusion', 'agents', 'reasoning', 'vision', 'robot', 'language']
const REFERENCE_MESSAGES = 3000
/** Messages the reference keeps in flight: enough to keep every pooled connection busy. */
const REFERENCE_IN_FLIGHT = 64
const execFileAsync = promisify(execFile)

export async function run(options: Record<string, string>): Promise<Figures> {
  const n = Number(options.n ?? 100_000)
  const kind = options.db ?? 'sqlite'
  const dkim = 'dkim' in options ? dkimKey() : null
  const senders = Number(options.senders ?? defaultSenders())
  const sink = await startSmtpSink()
  const scratch = await scratchDatabase(kind, 'digest')
  const db = connect(scratch.url)
  try {
    await migrateToLatest(db)
    await prepare(db, n)
    // The high-water mark once the subscribers are loaded, before anything is sent: what the set-up costs.
    const setupPeakKb = peakRssKb()
    const now = Date.parse('2026-08-24T08:00:00.000Z') // a Monday
    const send = await sendInChild({ databaseUrl: scratch.url, smtpUrl: sink.url, dkim, senders, now })
    const { sent, skipped, seconds } = send
    const perSecond = sent / seconds
    log(`${sent} digests sent (${skipped} skipped) in ${seconds.toFixed(1)} s: ${perSecond.toFixed(0)} emails/s`)
    const received = await sink.received()
    // `--no-reference`: the digest run alone (A/B runs of the sender timed from outside).
    const reference = 'no-reference' in options ? NaN : await plainNodemailer(sink.url, dkim)
    log(`reference: plain nodemailer ${reference.toFixed(0)} emails/s`)
    return {
      database: kind,
      n,
      dkim: dkim !== null,
      senders,
      sent,
      skipped,
      received_by_sink: received,
      seconds: Number(seconds.toFixed(1)),
      emails_per_s: Math.round(perSecond),
      reference_nodemailer_per_s: Math.round(reference),
      share_of_reference: Number((perSecond / reference).toFixed(3)),
      // CPU per email sent: steadier than emails/s on a shared machine.
      cpu_ms_per_email: Number(((send.cpu_seconds * 1000) / sent).toFixed(3)),
      // The kernel's high-water mark of the sending process (its helper threads are in it), not a sample.
      peak_rss_mb: Math.round(send.peak_rss_kb / 1024),
      peak_rss_before_send_mb: Math.round(send.before_send_rss_kb / 1024),
      // This process's, which loaded the subscribers.
      setup_peak_rss_mb: Math.round(setupPeakKb / 1024),
    }
  } finally {
    await db.close()
    await scratch.drop()
    await sink.close()
  }
}

/** The send, from the compiled build in a process of its own (bench/digest-sender.mjs). */
async function sendInChild(settings: object) {
  const { stdout } = await execFileAsync(process.execPath, ['bench/digest-sender.mjs', JSON.stringify(settings)], {
    maxBuffer: 1 << 20,
  })
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as {
    sent: number
    skipped: number
    seconds: number
    cpu_seconds: number
    peak_rss_kb: number
    before_send_rss_kb: number
  }
}

/** n confirmed subscribers, one in three with categories, one in five with a keyword; PAPERS featured papers. */
async function prepare(db: ReturnType<typeof connect>, n: number): Promise<void> {
  const day = '2026-08-21'
  await upsertPapers(
    db,
    Array.from({ length: PAPERS }, (_, i) => ({
      id: `2608.${String(10000 + i)}`,
      title: `A ${KEYWORDS[i % KEYWORDS.length]} paper number ${i} with a realistic, somewhat long title`,
      abstract: `We study ${KEYWORDS[i % KEYWORDS.length]}. `.repeat(12),
      authors: ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Edsger Dijkstra', 'Barbara Liskov'],
      categories: [CATEGORIES[i % CATEGORIES.length]!],
      counts: { upvotes: 200 - i, numComments: i % 7 },
      featuring: { featuredOn: day, source: 'hf', position: i, submittedBy: null, submittedAt: `${day}T06:00:00.000Z` },
    })),
  )
  const kysely = db.kysely.withTables<DigestTables>()
  const now = new Date().toISOString()
  for (let start = 0; start < n; start += 500) {
    const rows = Array.from({ length: Math.min(500, n - start) }, (_, j) => {
      const i = start + j
      return newSubscriptionRow(`reader${i}@lab${i % 97}.example.org`, now, {
        categories: i % 3 === 0 ? CATEGORIES.slice(i % 4, (i % 4) + 2).join(' ') : '',
        keywords: i % 5 === 0 ? KEYWORDS[i % KEYWORDS.length]! : '',
        max_papers: 5 + (i % 6) * 5,
      })
    })
    await kysely.insertInto('subscriptions').values(rows).execute()
  }
  log(`${n} subscribers and ${PAPERS} featured papers ready`)
}

/**
 * Plain nodemailer to the same sink, as the reference: a fixed 20 KB message, pooled as the
 * site's mailer is, REFERENCE_IN_FLIGHT messages in flight (8 left most of the pool idle and measured
 * the round trips rather than nodemailer), one thread, no database, no rendering.
 */
async function plainNodemailer(url: string, dkim: ReturnType<typeof dkimKey> | null): Promise<number> {
  const transport = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: POOL_CONNECTIONS,
    ...(dkim && { dkim }),
  } as Parameters<typeof nodemailer.createTransport>[0])
  const html = `<p>${'A paper. '.repeat(2000)}</p>`
  const started = performance.now()
  let next = 0
  await Promise.all(
    Array.from({ length: REFERENCE_IN_FLIGHT }, async () => {
      while (next < REFERENCE_MESSAGES) {
        const i = next++
        await transport.sendMail({
          from: 'digest@papers.example.org',
          to: `r${i}@lab.example.org`,
          subject: 'Digest',
          text: 'A paper.',
          html,
        })
      }
    }),
  )
  transport.close()
  return REFERENCE_MESSAGES / ((performance.now() - started) / 1000)
}

function dkimKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  return {
    domainName: 'papers.example.org',
    keySelector: 'pb',
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  }
}

/** VmHWM: the most resident memory the process has had, as the kernel counted it. */
function peakRssKb(): number {
  const line = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))
  return line ? Number(line[1]) : process.memoryUsage().rss / 1024
}

function log(message: string) {
  process.stderr.write(`${message}\n`)
}
