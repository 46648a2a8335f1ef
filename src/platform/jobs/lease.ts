import type { Db } from '../db/connect.js'

/**
 * A lease in the database: whoever holds `name` until `expires_at` may run the job, so a job runs
 * once however many instances share the database. Taking it is one atomic statement (an insert
 * that, on conflict, updates only a lease that has expired or is already ours).
 */
export async function acquireLease(db: Db, name: string, holder: string, ttlMs: number): Promise<boolean> {
  const now = new Date()
  const expires = new Date(now.getTime() + ttlMs).toISOString()
  const result = await db.kysely
    .insertInto('leases')
    .values({ name, holder, expires_at: expires })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ holder, expires_at: expires })
        .where((eb) => eb.or([eb('leases.expires_at', '<', now.toISOString()), eb('leases.holder', '=', holder)])),
    )
    .executeTakeFirst()
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
}
