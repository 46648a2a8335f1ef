import { accountSubscription, type Subscription } from '../../digest/store.js'
import type { Db } from '../../platform/db/connect.js'
import { listSessions, type SessionInfo } from '../accounts/account-changes.js'
import { type ApiToken, listApiTokens } from '../accounts/api-tokens.js'
import { findUserById, type User } from '../accounts/store.js'
import { tokenHash } from '../accounts/tokens.js'
import { twoFactorOf, unusedRecoveryCodes } from '../accounts/two-factor-store.js'

/** Everything the settings page shows of one account. */
export interface SettingsData {
  user: User
  sessions: SessionInfo[]
  /** Which of `sessions` is this browser's. */
  currentSession: string | null
  tokens: ApiToken[]
  twoFactor: { enabled: boolean; recoveryCodesLeft: number }
  /** The account's digest subscription, live or ended; null when it never had one. */
  digest: Subscription | null
}

export async function loadSettings(
  db: Db,
  userId: number,
  sessionToken: string | undefined,
  now: string,
): Promise<SettingsData | null> {
  const user = await findUserById(db, userId)
  if (!user) return null
  const [sessions, tokens, twoFactor, digest] = await Promise.all([
    listSessions(db, userId, now),
    listApiTokens(db, userId),
    twoFactorOf(db, userId),
    accountSubscription(db, userId, user.emailVerified ? user.email : null),
  ])
  const enabled = twoFactor?.enabled ?? false
  return {
    user,
    sessions,
    currentSession: sessionToken ? tokenHash(sessionToken) : null,
    tokens,
    twoFactor: { enabled, recoveryCodesLeft: enabled ? await unusedRecoveryCodes(db, userId) : 0 },
    digest,
  }
}
