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
    rebuildIndex(db, (done, total, unit) => {
      if (!unit) papers = total
      report(done, total, unit)
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

/**
 * Runs `work` with a progress bar on a terminal (none when stderr is a file or a pipe); a report
 * in another unit (a later step of the work) ends the bar and starts one of its own.
 */
async function withProgress(
  unit: string,
  work: (report: (done: number, total: number, unit?: string) => void) => Promise<void>,
) {
  if (!process.stderr.isTTY) return work(() => {})
  const shown: { bar?: SingleBar; unit?: string } = {}
  await work((done, total, step = unit) => {
    if (!shown.bar || step !== shown.unit) {
      shown.bar?.stop()
      shown.bar = new SingleBar({
        format: `{bar} {percentage}% · {value}/{total} ${step} · ETA {eta_formatted}`,
        hideCursor: true,
      })
      shown.bar.start(total, 0)
      shown.unit = step
    }
    shown.bar.setTotal(total)
    shown.bar.update(done)
  })
  shown.bar?.stop()
}
