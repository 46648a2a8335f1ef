import type { Db } from '../../platform/db/connect.js'
import type { ModerationAction, TargetKind } from './actions.js'
import type { ModerationTables } from './schema.js'

const tables = (db: Db) => db.kysely.withTables<ModerationTables>()

export interface LogEntry {
  id: number
  actorName: string
  action: string
  targetKind: string
  targetId: string
  reason: string
  createdAt: string
}

export interface NewLogEntry {
  actor: { id: number; username: string }
  action: ModerationAction
  target: { kind: TargetKind; id: string }
  reason: string
}

export async function logModeration(db: Db, entry: NewLogEntry, now: string): Promise<void> {
  await tables(db)
    .insertInto('moderation_log')
    .values({
      actor_id: entry.actor.id,
      actor_name: entry.actor.username,
      action: entry.action,
      target_kind: entry.target.kind,
      target_id: entry.target.id,
      reason: entry.reason,
      created_at: now,
    })
    .execute()
}

/** The log, newest first. */
export async function listModerationLog(db: Db, page: { limit: number; offset: number }): Promise<LogEntry[]> {
  const rows = await tables(db)
    .selectFrom('moderation_log')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute()
  return rows.map((r) => ({
    id: r.id,
    actorName: r.actor_name,
    action: r.action,
    targetKind: r.target_kind,
    targetId: r.target_id,
    reason: r.reason,
    createdAt: r.created_at,
  }))
}

export async function countModerationLog(db: Db): Promise<number> {
  const row = await tables(db)
    .selectFrom('moderation_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
