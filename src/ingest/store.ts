import type { Db } from '../platform/db/connect.js'
import type { IngestTables } from './schema.js'
import type { Problem, SourceName } from './source.js'

export type RunStatus = 'running' | 'ok' | 'failed'

export interface RunCounts {
  added: number
  updated: number
  unchanged: number
  skipped: number
  failed: number
}

export interface IngestRun extends RunCounts {
  id: number
  source: string
  scope: string
  trigger: string
  status: RunStatus
  startedAt: string
  finishedAt: string | null
  error: string | null
  problems: Problem[]
}

/** The catalog's database seen with ingest's own tables (schema.ts). */
const tables = (db: Db) => db.kysely.withTables<IngestTables>()

/** A run keeps and records its first problems; its `skipped` count says how many there were. */
export const PROBLEMS_KEPT = 50

export async function startRun(db: Db, source: SourceName, scope: string, trigger: string): Promise<number> {
  const row = await tables(db)
    .insertInto('ingest_runs')
    .values({
      source,
      scope,
      trigger,
      status: 'running',
      started_at: new Date().toISOString(),
      added: 0,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      failed: 0,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return Number(row.id)
}

export async function finishRun(
  db: Db,
  id: number,
  outcome: RunCounts & { status: RunStatus; error: string | null; problems: Problem[] },
): Promise<void> {
  await tables(db)
    .updateTable('ingest_runs')
    .set({
      status: outcome.status,
      finished_at: new Date().toISOString(),
      added: outcome.added,
      updated: outcome.updated,
      unchanged: outcome.unchanged,
      skipped: outcome.skipped,
      failed: outcome.failed,
      error: outcome.error,
      problems: outcome.problems.length > 0 ? JSON.stringify(outcome.problems.slice(0, PROBLEMS_KEPT)) : null,
    })
    .where('id', '=', id)
    .execute()
}

export async function recentRuns(db: Db, limit: number): Promise<IngestRun[]> {
  const rows = await tables(db).selectFrom('ingest_runs').selectAll().orderBy('id', 'desc').limit(limit).execute()
  return rows.map((r) => ({
    id: Number(r.id),
    source: r.source,
    scope: r.scope,
    trigger: r.trigger,
    status: r.status as RunStatus,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    added: r.added,
    updated: r.updated,
    unchanged: r.unchanged,
    skipped: r.skipped,
    failed: r.failed,
    error: r.error,
    problems: r.problems ? (JSON.parse(r.problems) as Problem[]) : [],
  }))
}

export async function loadPosition(db: Db, source: SourceName, scope: string): Promise<string | null> {
  const row = await tables(db)
    .selectFrom('ingest_cursors')
    .select('position')
    .where('source', '=', source)
    .where('scope', '=', scope)
    .executeTakeFirst()
  return row?.position ?? null
}

export async function savePosition(db: Db, source: SourceName, scope: string, position: string): Promise<void> {
  const updated_at = new Date().toISOString()
  await tables(db)
    .insertInto('ingest_cursors')
    .values({ source, scope, position, updated_at })
    .onConflict((oc) => oc.columns(['source', 'scope']).doUpdateSet({ position, updated_at }))
    .execute()
}

export async function clearPosition(db: Db, source: SourceName, scope: string): Promise<void> {
  await tables(db).deleteFrom('ingest_cursors').where('source', '=', source).where('scope', '=', scope).execute()
}
