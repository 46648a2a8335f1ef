// The digest send for `bench digest`, in a process of its own so that its peak RSS is the sender's
// alone (not the 100,000 subscribers the benchmark loads first), from the compiled build as
// `paperboy digest send` runs it: plain JavaScript under plain node, since tsx's loader thread alone
// holds ~55 MB that the product never carries. Reads its settings as JSON from argv; prints one
// JSON line: the send's report, seconds, CPU seconds (every thread of this process) and the
// kernel's high-water mark of its RSS.
import { readFileSync } from 'node:fs'
import pino from 'pino'
import { sendDigests } from '../dist/digest/sender.js'
import { connect } from '../dist/platform/db/connect.js'
import { createMailer } from '../dist/platform/mail/mailer.js'

const { databaseUrl, smtpUrl, dkim, senders, now } = JSON.parse(process.argv[2])
const db = connect(databaseUrl)
const logger = pino({ level: 'silent' })
const mail = { smtpUrl, from: null, outboxDir: '', dkim }
const from = '"Paperboy" <digest@papers.example.org>'
const mailer = createMailer(mail, from, logger)
const helpers = { count: senders - 1, databaseUrl, mail, from }
const beforeKb = peakRssKb()
const started = performance.now()
const cpuBefore = process.cpuUsage()
const report = await sendDigests(
  { db, mailer, logger, site: { name: 'Paperboy', baseUrl: 'https://papers.example.org' }, helpers },
  'daily',
  now,
)
const seconds = (performance.now() - started) / 1000
const cpu = process.cpuUsage(cpuBefore)
mailer.close()
await db.close()
process.stdout.write(
  `${JSON.stringify({ ...report, seconds, cpu_seconds: (cpu.user + cpu.system) / 1e6, peak_rss_kb: peakRssKb(), before_send_rss_kb: beforeKb })}\n`,
)

/** VmHWM: the most resident memory the process has had, as the kernel counted it. */
function peakRssKb() {
  return Number(/^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))[1])
}
