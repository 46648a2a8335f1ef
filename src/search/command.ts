import { SingleBar } from 'cli-progress'
import type { Db } from '../platform/db/connect.js'
import { rebuildIndex } from './deferred-index.js'
import { rebuildVectors } from './vectors/rebuild.js'

export interface ReindexFlags {
  /** Retrain the model of meaning and re-embed every paper (similar papers, filling empty searches). */
  vectors?: boolean
}

/**
 * `paperboy reindex`: rebuilds the search index from the catalog, with a progress bar on a
 * terminal, and prints one summary line. The index is kept up to date by every write; this is
 * for a new engine version, a restored backup, or an index in doubt.
 */
export async function reindexCommand(db: Db, flags: ReindexFlags): Promise<void> {
  let started = performance.now()
  let papers = 0
  await withProgress('papers', (report) =>
    rebuildIndex(db, (done, total) => {
      papers = total
      report(done, total)
    }),
  )
  let seconds = (performance.now() - started) / 1000
  console.log(`search index: ${papers.toLocaleString('en')} papers indexed in ${seconds.toFixed(1)} s (${db.dialect})`)
  if (!flags.vectors) return
  started = performance.now()
  // Progress runs over twice the papers: a training pass, then an embedding pass.
  await withProgress('steps', (report) => rebuildVectors(db, report))
  seconds = (performance.now() - started) / 1000
  console.log(`vectors: model trained and papers embedded in ${seconds.toFixed(1)} s (${db.dialect})`)
}

/** Runs `work` with a progress bar on a terminal (none when stderr is a file or a pipe). */
async function withProgress(unit: string, work: (report: (done: number, total: number) => void) => Promise<void>) {
  const bar = process.stderr.isTTY
    ? new SingleBar({ format: `{bar} {percentage}% · {value}/{total} ${unit} · ETA {eta_formatted}`, hideCursor: true })
    : null
  let barStarted = false
  await work((done, total) => {
    if (!bar) return
    if (!barStarted) bar.start(total, 0)
    barStarted = true
    bar.setTotal(total)
    bar.update(done)
  })
  bar?.stop()
}
