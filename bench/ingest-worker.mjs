// One snapshot import for `bench ingest` and `bench search`, in a process of its own so that its
// peak RSS is the import's alone, from the compiled build as `paperboy ingest snapshot` runs it:
// plain JavaScript under plain node, since tsx's loader thread alone holds some 33 MB that the
// product never carries (as bench/alerts-worker.mjs). Prints one JSON line: records, seconds, CPU
// seconds, the kernel's high-water mark of its RSS (as bench/peak-rss.ts reads it).
import { readFileSync } from 'node:fs'
import { runIngest } from '../dist/ingest/pipeline.js'
import { snapshotSource } from '../dist/ingest/sources/snapshot.js'
import { connect } from '../dist/platform/db/connect.js'
import { migrateToLatest } from '../dist/migrations.js'

const [url, file] = process.argv.slice(2)
const db = connect(url)
await migrateToLatest(db)
const started = performance.now()
const cpuBefore = process.cpuUsage()
// When the last batch was written: after it, a first load builds what it deferred (the search
// index, the secondary indexes), which is its own figure.
let lastBatchAt = started
const summary = await runIngest(
  db,
  snapshotSource(),
  { file },
  { trigger: 'manual', feature: false, onBatch: () => (lastBatchAt = performance.now()) },
)
const seconds = (performance.now() - started) / 1000
const batchesSeconds = (lastBatchAt - started) / 1000
const cpu = process.cpuUsage(cpuBefore)
// CPU time drifts less than wall time on a shared machine: both are reported.
const cpuSeconds = (cpu.user + cpu.system) / 1e6
await db.close()
if (summary.status !== 'ok') throw new Error(summary.error ?? 'import failed')
const records = summary.added + summary.updated + summary.unchanged
const hwmKb = Number(/^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))[1])
process.stdout.write(
  `${JSON.stringify({ records, skipped: summary.skipped, seconds, batches_seconds: batchesSeconds, cpu_seconds: cpuSeconds, peak_rss_mb: Math.round(hwmKb / 1024) })}\n`,
)
