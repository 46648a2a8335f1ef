import { SingleBar } from 'cli-progress'
import type { Db } from '../../platform/db/connect.js'
import { isDemoShown } from '../demo/store.js'
import { importHfDaily, type ImportReport } from './import.js'

const MAX_PROBLEMS_SHOWN = 50 // the rest are counted in one line

/** `paperboy import`: a progress bar on a terminal, each problem on stderr, a summary at the end. */
export async function importCommand(db: Db, path: string): Promise<ImportReport> {
  const bar = process.stderr.isTTY
    ? new SingleBar({
        format: 'Importing {bar} {value}/{total} files · {items} items · {eta_formatted} left',
        hideCursor: true,
      })
    : null
  let started = false
  const started_at = performance.now()
  const demoWasShown = await isDemoShown(db.kysely)
  const report = await importHfDaily(db, path, (done, total, r) => {
    if (bar && !started) {
      bar.start(total, 0, { items: 0 })
      started = true
    }
    bar?.update(done, { items: r.items })
  })
  bar?.stop()
  const shown = report.problems.slice(0, MAX_PROBLEMS_SHOWN)
  for (const p of shown) {
    process.stderr.write(`skipped ${p.file}${p.item === undefined ? '' : ` item ${p.item}`}: ${p.reason}\n`)
  }
  const notShown = report.filesSkipped + report.skipped - shown.length
  if (notShown > 0) process.stderr.write(`… and ${notShown} more problems\n`)
  const seconds = (performance.now() - started_at) / 1000
  const filesSkipped = report.filesSkipped > 0 ? ` (${report.filesSkipped} skipped)` : ''
  console.log(
    `Imported ${report.files} files${filesSkipped}, ${report.items} items in ${seconds.toFixed(1)} s: ` +
      `${report.added} new, ${report.updated} updated, ${report.unchanged} unchanged, ${report.skipped} skipped.`,
  )
  if (demoWasShown && !(await isDemoShown(db.kysely)))
    console.log('The demo papers stepped aside for the imported days.')
  return report
}

/** Whether anything was skipped: the import landed only in part (`paperboy import` exits 3). */
export function isPartial(report: ImportReport): boolean {
  return report.filesSkipped + report.skipped > 0
}
