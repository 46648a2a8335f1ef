import type { Collection } from '../community/collections/store.js'
import type { FillOutcome } from './fill-collection.js'
import type { Skipped } from './format.js'

/** What an import did, for its result page: every record is imported, not in the catalog, or skipped. */
export interface ImportReport {
  /** What was imported, one sentence each: "3 follows (2 new)". */
  imported: string[]
  /** The collections papers went into, to link to. */
  collections: Collection[]
  /** Paper ids the catalog does not hold yet: nothing was made of them. */
  notInCatalog: string[]
  skipped: Skipped[]
  /** What the import leaves out on purpose, and why. */
  notes: string[]
}

export const emptyReport = (): ImportReport => ({
  imported: [],
  collections: [],
  notInCatalog: [],
  skipped: [],
  notes: [],
})

export const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`

/** Adds one collection's outcome to `report`, under `what` ("collection 3", "tag “rl”"). */
export function noteFill(report: ImportReport, what: string, outcome: FillOutcome): void {
  if (outcome.kind === 'refused') {
    report.skipped.push({ what, reason: outcome.reason })
    return
  }
  const { collection, created, added, full } = outcome
  report.collections.push(collection)
  report.imported.push(
    `${created ? 'New collection' : 'Collection'} “${collection.name}”: ${plural(added, 'paper')} added` +
      (added === 0 && !created ? ' (it held them all already)' : ''),
  )
  for (const id of full) report.skipped.push({ what: `${what}, paper ${id}`, reason: 'the collection is full' })
}
