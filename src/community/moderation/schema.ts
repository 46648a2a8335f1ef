import type { Generated } from 'kysely'

/** One thing an admin did; append-only. */
export interface ModerationLogTable {
  id: Generated<number>
  /** Null once the admin's account is deleted; `actor_name` still says who it was. */
  actor_id: number | null
  actor_name: string
  action: string
  target_kind: string
  target_id: string
  reason: string
  created_at: string
}

export type ModerationTables = { moderation_log: ModerationLogTable }
