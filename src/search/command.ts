import { SingleBar } from 'cli-progress'
import type { Db } from '../platform/db/connect.js'
import { searchEngine } from './engine.js'

export interface ReindexFlags {
  /** Retrain the vectors too (search by meaning): the meaning work fills this in. */
  vectors?: boolean
}

/**
 * `paperboy reindex`: rebuilds the search index from the catalog, with a progress bar on a
 * terminal, and prints one summary line. The index is kept up to date by every write; this is
 * for a new engine version, a restored backup, or an index in doubt.
 */
export async function reindexCommand(db: Db, _flags: ReindexFlags): Promise<void> {
  const bar = process.stderr.isTTY
    ? new SingleBar({ format: '{bar} {percentage}% · {value}/{total} papers · ETA {eta_formatted}', hideCursor: true })
    : null
  const started = performance.now()
  let papers = 0
  let barStarted = false
  await searchEngine(db).rebuild((done, total) => {
    papers = total
    if (!bar) return
    if (!barStarted) bar.start(total, 0)
    barStarted = true
    bar.update(done)
  })
  bar?.stop()
  // The vectors' retraining (`--vectors`) goes here, after the text index it reads papers beside.
  const seconds = (performance.now() - started) / 1000
  console.log(`search index: ${papers.toLocaleString('en')} papers indexed in ${seconds.toFixed(1)} s (${db.dialect})`)
}
