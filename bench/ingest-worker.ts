// One snapshot import for `bench ingest`, in a process of its own so that its peak RSS is the
// import's alone. Prints one JSON line: records, seconds, peak RSS.
import { importCompiled } from './compiled.js'

const { runIngest } = await importCompiled<typeof import('../src/ingest/pipeline.js')>('ingest/pipeline.js')
const { snapshotSource } =
  await importCompiled<typeof import('../src/ingest/sources/snapshot.js')>('ingest/sources/snapshot.js')
const { connect } = await importCompiled<typeof import('../src/platform/db/connect.js')>('platform/db/connect.js')
const { migrateToLatest } = await importCompiled<typeof import('../src/migrations.js')>('migrations.js')

const [url, file] = process.argv.slice(2) as [string, string]
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
// maxRSS is in kilobytes (getrusage).
process.stdout.write(
  `${JSON.stringify({ records, skipped: summary.skipped, seconds, batches_seconds: batchesSeconds, cpu_seconds: cpuSeconds, peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`,
)
