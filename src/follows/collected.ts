import type { Db } from '../platform/db/connect.js'
import { type AlertFollow, toAlertFollow, ALERT_FOLLOW_COLUMNS } from './alert-follows.js'
import type { AlertCadence, FollowTables } from './schema.js'

/**
 * A member's own collections as one standing follow: a paper they collected that gets a new arXiv
 * version or is withdrawn is alerted through it (issue 15, point 5). It is a `follows` row of kind
 * `collected` so that its alerts go through the same outbox, webhooks and one-click unsubscribe as
 * every follow's; it is not listed among the member's follows, and is written only when first
 * needed (an alert to send, or the member's setting), so members who never collect have none.
 */
export const COLLECTED_TARGET = 'mine'
export const COLLECTED_LABEL = 'Papers in your collections'
/** Unless the member says otherwise: a version or a withdrawal is worth a note, not an interruption. */
export const DEFAULT_COLLECTED_ALERT: { cadence: AlertCadence; email: boolean } = { cadence: 'daily', email: true }

const tables = (db: Db) => db.kysely.withTables<FollowTables>()

/** The member's setting for changes to their collected papers: the default until they change it. */
export async function collectedAlert(db: Db, userId: number): Promise<{ cadence: AlertCadence; email: boolean }> {
  const row = await tables(db)
    .selectFrom('follows')
    .select(['alert', 'alert_email'])
    .where('user_id', '=', userId)
    .where('kind', '=', 'collected')
    .where('target', '=', COLLECTED_TARGET)
    .executeTakeFirst()
  return row ? { cadence: row.alert, email: row.alert_email === 1 } : DEFAULT_COLLECTED_ALERT
}

export async function setCollectedAlert(
  db: Db,
  userId: number,
  alert: { cadence: AlertCadence; email: boolean },
  now: string,
): Promise<void> {
  const values = { alert: alert.cadence, alert_email: alert.email ? 1 : 0, updated_at: now }
  await tables(db)
    .insertInto('follows')
    .values({
      user_id: userId,
      kind: 'collected',
      target: COLLECTED_TARGET,
      label: COLLECTED_LABEL,
      ...values,
      created_at: now,
    })
    .onConflict((oc) => oc.columns(['user_id', 'kind', 'target']).doUpdateSet(values))
    .execute()
}

/**
 * These members' collected-papers follows. With `create`, those who have none yet get one with the
 * default setting (an alert about to be sent needs its follow's id); without, they are left out.
 */
export async function collectedFollows(
  db: Db,
  userIds: readonly number[],
  now: string,
  options: { create: boolean },
): Promise<Map<number, AlertFollow>> {
  const read = async () => {
    const out = new Map<number, AlertFollow>()
    for (let i = 0; i < userIds.length; i += 1000) {
      const rows = await tables(db)
        .selectFrom('follows')
        .select(ALERT_FOLLOW_COLUMNS)
        .where('kind', '=', 'collected')
        .where('user_id', 'in', userIds.slice(i, i + 1000))
        .execute()
      for (const r of rows) out.set(r.user_id, toAlertFollow(r))
    }
    return out
  }
  const found = await read()
  const missing = userIds.filter((id) => !found.has(id))
  if (missing.length === 0 || !options.create) return found
  const { cadence, email } = DEFAULT_COLLECTED_ALERT
  for (let i = 0; i < missing.length; i += 500) {
    await tables(db)
      .insertInto('follows')
      .values(
        missing.slice(i, i + 500).map((userId) => ({
          user_id: userId,
          kind: 'collected' as const,
          target: COLLECTED_TARGET,
          label: COLLECTED_LABEL,
          alert: cadence,
          alert_email: email ? 1 : 0,
          created_at: now,
          updated_at: now,
        })),
      )
      .onConflict((oc) => oc.columns(['user_id', 'kind', 'target']).doNothing())
      .execute()
  }
  return read()
}
