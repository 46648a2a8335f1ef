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

const COLUMNS = ['id', 'user_id', 'kind', 'target', 'qualifiers', 'label', 'alert', 'alert_email'] as const

function toAlertFollow(r: {
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
    .select(COLUMNS)
    .where('alert', '=', cadence)
    .orderBy('id')
    .execute()
  return rows.map(toAlertFollow)
}

export async function findAlertFollow(db: Db, id: number): Promise<AlertFollow | null> {
  const row = await tables(db).selectFrom('follows').select(COLUMNS).where('id', '=', id).executeTakeFirst()
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
