// The instant alert batch for `bench alerts`, in a process of its own so that its peak RSS is the
// batch's alone (not the corpus and follows the benchmark draws), from the compiled build as
// `paperboy alerts send` runs it. Prints one JSON line: what it queued, seconds, peak RSS.
import { importCompiled } from './compiled.js'
import { peakRssMb } from './peak-rss.js'

const { makeAlertBatch } = await importCompiled<typeof import('../src/alerts/batch.js')>('alerts/batch.js')
const { connect } = await importCompiled<typeof import('../src/platform/db/connect.js')>('platform/db/connect.js')

const [url] = process.argv.slice(2) as [string]
const db = connect(url)
const started = performance.now()
const cpuBefore = process.cpuUsage()
const report = await makeAlertBatch(db, { baseUrl: 'https://papers.example.org' }, 'instant', Date.now() + 1)
const seconds = (performance.now() - started) / 1000
const cpu = process.cpuUsage(cpuBefore)
await db.close()
process.stdout.write(
  `${JSON.stringify({ alerts: report.alerts, emails: report.emails, seconds, cpu_seconds: (cpu.user + cpu.system) / 1e6, peak_rss_mb: peakRssMb() })}\n`,
)
