import { confirmSubscription, requestSubscription } from '../../src/digest/store.js'
import type { Db } from '../../src/platform/db/connect.js'

/** A confirmed subscription of `email` at `now` (the header form's path has its own tests); its id. */
export async function confirmedSubscriber(db: Db, email: string, now: number): Promise<number> {
  const iso = new Date(now).toISOString()
  const hash = `confirm-${email}`
  const { id } = await requestSubscription(db, email, { hash, expiresAt: '2100-01-01T00:00:00.000Z' }, iso)
  await confirmSubscription(db, hash, iso)
  return id
}
