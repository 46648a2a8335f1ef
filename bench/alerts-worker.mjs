// The instant alert batch for `bench alerts`, in a process of its own so that its peak RSS is the
// batch's alone (not the corpus and follows the benchmark draws), from the compiled build as
// `paperboy alerts send` runs it: plain JavaScript under plain node, since tsx's loader thread alone
// holds some 37 MB that the product never carries. Prints one JSON line: what it queued, seconds,
// CPU seconds and the kernel's high-water mark of its RSS (as bench/peak-rss.ts reads it).
import { readFileSync } from 'node:fs'
import { makeAlertBatch } from '../dist/alerts/batch.js'
import { connect } from '../dist/platform/db/connect.js'

const [url] = process.argv.slice(2)
const db = connect(url)
const started = performance.now()
const cpuBefore = process.cpuUsage()
const report = await makeAlertBatch(db, { baseUrl: 'https://papers.example.org' }, 'instant', Date.now() + 1)
const seconds = (performance.now() - started) / 1000
const cpu = process.cpuUsage(cpuBefore)
await db.close()
const hwmKb = Number(/^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))[1])
process.stdout.write(
  `${JSON.stringify({ alerts: report.alerts, emails: report.emails, seconds, cpu_seconds: (cpu.user + cpu.system) / 1e6, peak_rss_mb: Math.round(hwmKb / 1024) })}\n`,
)
