import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Db } from './db/connect.js'

type SecretsTables = {
  site_secrets: { name: string; value: string }
}

const known = new WeakMap<Db, Map<string, Promise<string>>>()

/**
 * A random secret the site made for itself, by name: made on first use, then the same for every
 * instance and every restart (the database decides a race: the first insert wins, everyone reads it).
 */
export function siteSecret(db: Db, name: string): Promise<string> {
  let byName = known.get(db)
  if (!byName) known.set(db, (byName = new Map()))
  let secret = byName.get(name)
  if (!secret) {
    const kysely = db.kysely.withTables<SecretsTables>()
    secret = (async () => {
      await kysely
        .insertInto('site_secrets')
        .values({ name, value: randomBytes(32).toString('base64url') })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute()
      const row = await kysely
        .selectFrom('site_secrets')
        .select('value')
        .where('name', '=', name)
        .executeTakeFirstOrThrow()
      return row.value
    })()
    secret.catch(() => byName.delete(name))
    byName.set(name, secret)
  }
  return secret
}

/** Compares secrets in constant time: both sides are hashed first, so lengths leak nothing either. */
export function isSameSecret(presented: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest()
  return timingSafeEqual(digest(presented), digest(expected))
}
