import type { Db } from '../platform/db/connect.js'
import type { AccountFile } from './format.js'
import { readAccountData } from './store.js'

/** A member's account file as of `now`; null for an account that does not exist. */
export async function exportAccount(db: Db, userId: number, now: string): Promise<AccountFile | null> {
  const data = await readAccountData(db, userId)
  if (!data) return null
  const { format, version, ...rest } = data
  return { format, version, exported_at: now, ...rest }
}

/** `paperboy-ada-2026-12-03.json`: whose file, and from when. */
export const exportFileName = (username: string, now: string) =>
  `paperboy-${username.replace(/[^A-Za-z0-9_-]/g, '_')}-${now.slice(0, 10)}.json`
