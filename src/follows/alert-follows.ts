import type { Db } from '../platform/db/connect.js'
import type { AlertCadence, FollowKind, FollowTables } from './schema.js'

const tables = (db: Db) => db.kysely.withTables<FollowTables>()

/** A follow as alerts read it. */
export interface AlertFollow {
  id: number
  userId: number
  kind: FollowKind
  target: string
  qualifiers: string
  label: string
  alert: AlertCadence
  /** Whether its alerts go by email (webhooks are configured apart). */
  email: boolean
}

export const ALERT_FOLLOW_COLUMNS = [
  'id',
  'user_id',
  'kind',
  'target',
  'qualifiers',
  'label',
  'alert',
  'alert_email',
] as const

export function toAlertFollow(r: {
  id: number
  user_id: number
  kind: FollowKind
  target: string
  qualifiers: string
  label: string
  alert: AlertCadence
  alert_email: number
}): AlertFollow {
  return {
    id: r.id,
    userId: r.user_id,
    kind: r.kind,
    target: r.target,
    qualifiers: r.qualifiers,
    label: r.label,
    alert: r.alert,
    email: r.alert_email === 1,
  }
}

/** Every follow whose alerts go at this cadence. */
export async function listAlertFollows(db: Db, cadence: Exclude<AlertCadence, 'off'>): Promise<AlertFollow[]> {
  const rows = await tables(db)
    .selectFrom('follows')
    .select(ALERT_FOLLOW_COLUMNS)
    .where('alert', '=', cadence)
    .orderBy('id')
    .execute()
  return rows.map(toAlertFollow)
}

export async function findAlertFollow(db: Db, id: number): Promise<AlertFollow | null> {
  const row = await tables(db)
    .selectFrom('follows')
    .select(ALERT_FOLLOW_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst()
  return row ? toAlertFollow(row) : null
}

/** Stops this follow's alert emails (its one-click unsubscribe); its other channels and the member's other follows stay. */
export async function stopAlertEmails(db: Db, id: number, now: string): Promise<boolean> {
  const r = await tables(db)
    .updateTable('follows')
    .set({ alert_email: 0, updated_at: now })
    .where('id', '=', id)
    .where('alert_email', '=', 1)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) > 0
}

/** Who owns each of these follows (any cadence): a change is told to a member once, whichever follow tells it. */
export async function followOwners(db: Db, ids: readonly number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>()
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await tables(db)
      .selectFrom('follows')
      .select(['id', 'user_id'])
      .where('id', 'in', ids.slice(i, i + 1000))
      .execute()
    for (const r of rows) out.set(r.id, r.user_id)
  }
  return out
}
