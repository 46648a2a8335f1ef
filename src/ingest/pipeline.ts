import type { PaperRecord } from '../papers/model.js'
import { markWithdrawn, upsertPapers, withBulkLoad } from '../papers/upsert.js'
import { preparedByPaper } from '../search/engines/postgres-document.js'
import type { Db } from '../platform/db/connect.js'
import type { IngestRequest, PaperSource, Problem, SourceBatch } from './source.js'
import {
  clearPosition,
  finishRun,
  loadPosition,
  PROBLEMS_KEPT,
  type RunCounts,
  type RunStatus,
  savePosition,
  startRun,
} from './store.js'

export interface RunOptions {
  trigger: 'manual' | 'schedule' | 'on-demand'
  /** Whether this source's papers are featured on the daily pages, or only join the catalog. */
  feature: boolean
  signal?: AbortSignal
  onBatch?: (batch: SourceBatch, totals: RunCounts) => void
}

export interface RunSummary extends RunCounts {
  runId: number
  status: RunStatus
  error: string | null
  /** The first problems (at most PROBLEMS_KEPT); `skipped` counts them all. */
  problems: Problem[]
}

/** Told after every run that added or changed papers; a listener's failure is its own to report. */
export type IngestListener = (db: Db, run: RunSummary) => Promise<void>
const listeners = new Set<IngestListener>()

/** Registers a listener (`serve` registers the instant alerts: src/alerts/instant.ts); returns its removal. */
export function onIngestRun(listener: IngestListener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/**
 * Runs one source through the one upsert pipeline and records the run. A batch's position is
 * stored only after the batch has landed, so an interrupted run resumes without losing or
 * repeating work; a finished run clears it. Failures are recorded and returned, not thrown.
 */
export async function runIngest(
  db: Db,
  source: PaperSource,
  request: IngestRequest,
  options: RunOptions,
): Promise<RunSummary> {
  let scope: string
  try {
    scope = source.scope(request)
  } catch (e) {
    // A request the source cannot take (no file, bad date) is recorded like any failed run.
    const runId = await startRun(db, source.name, '', options.trigger)
    const outcome = {
      added: 0,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      failed: 1,
      status: 'failed' as const,
      error: (e as Error).message,
      problems: [],
    }
    await finishRun(db, runId, outcome)
    return { runId, ...outcome }
  }
  const runId = await startRun(db, source.name, scope, options.trigger)
  const totals: RunCounts = { added: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 }
  const problems: Problem[] = []
  let status: RunStatus = 'ok'
  let error: string | null = null
  try {
    const position = await loadPosition(db, source.name, scope)
    await withBulkLoad(db, async () => {
      const prepareDocuments = db.dialect === 'postgres'
      for await (const batch of source.batches(request, { position, signal: options.signal, prepareDocuments })) {
        const records = options.feature ? batch.records : batch.records.map(withoutFeaturing)
        const documents = batch.documents && preparedByPaper(batch.records, batch.documents)
        const result = await upsertPapers(db, records, { documents })
        // A paper marked withdrawn is an update like any other: the run's counts say so.
        const withdrawn = await markWithdrawn(db, batch.deleted ?? [])
        totals.added += result.added
        totals.updated += result.updated + withdrawn
        totals.unchanged += result.unchanged
        // Records the catalog refused (bad text, values out of range) are skipped like unparsable ones.
        const refused = result.problems.map((p) => ({ where: p.id, reason: p.reason }))
        totals.skipped += (batch.problems?.length ?? 0) + refused.length
        // A run over a damaged file may skip millions of records: keep only what the record stores.
        problems.push(...[...(batch.problems ?? []), ...refused].slice(0, PROBLEMS_KEPT - problems.length))
        if (batch.position !== undefined) await savePosition(db, source.name, scope, batch.position)
        options.onBatch?.(batch, totals)
      }
    })
    await clearPosition(db, source.name, scope)
  } catch (e) {
    status = 'failed'
    error = (e as Error).message
    totals.failed++
  }
  await finishRun(db, runId, { ...totals, status, error, problems })
  const summary = { runId, ...totals, status, error, problems }
  // A failed run may have landed batches before it stopped: those papers are news all the same.
  if (totals.added + totals.updated > 0) await Promise.allSettled([...listeners].map((l) => l(db, summary)))
  return summary
}

function withoutFeaturing(record: PaperRecord): PaperRecord {
  if (!record.featuring) return record
  const { featuring: _, ...rest } = record
  return rest
}
