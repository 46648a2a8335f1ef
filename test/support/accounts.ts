import { hashPassword } from '../../src/community/accounts/passwords.js'
import { SESSION_COOKIE, sessionExpiry } from '../../src/community/accounts/session-cookie.js'
import { createSession, createUser, type User } from '../../src/community/accounts/store.js'
import { csrfTokenFor, newToken } from '../../src/community/accounts/tokens.js'
import type { Db } from '../../src/platform/db/connect.js'

export interface SignedIn {
  user: User
  /** The Cookie header of a live session. */
  cookie: string
  /** The `_csrf` field its forms carry. */
  csrf: string
}

// Hashing costs ~17 ms; tests that make hundreds of users share one hash of the one password.
export const TEST_PASSWORD = 'a reading group password'
let sharedHash: Promise<string> | undefined

/**
 * A confirmed account with a live session, made straight in the database (the sign-up path has
 * its own tests): what a test of anything a signed-in reader does starts from.
 */
export async function signedInUser(
  db: Db,
  username: string,
  opts: { verified?: boolean; now?: number } = {},
): Promise<SignedIn> {
  sharedHash ??= hashPassword(TEST_PASSWORD)
  const now = opts.now ?? Date.now()
  const iso = new Date(now).toISOString()
  const user = await createUser(
    db,
    {
      username,
      displayName: username,
      email: `${username.toLowerCase()}@lab.example.org`,
      passwordHash: await sharedHash,
      verifiedAt: opts.verified === false ? null : iso,
    },
    iso,
  )
  if (!user) throw new Error(`the username ${username} is taken`)
  const token = newToken()
  await createSession(db, token, user.id, { now: iso, expiresAt: sessionExpiry(now) }, 'test')
  return { user, cookie: `${SESSION_COOKIE}=${token}`, csrf: csrfTokenFor(token) }
}

/** A browser-like form POST from this site, as the reader `who` (or anonymous). */
export function formPost(baseUrl: string, fields: Record<string, string>, who?: SignedIn): RequestInit {
  const body = new URLSearchParams(who ? { _csrf: who.csrf, ...fields } : fields)
  return {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: new URL(baseUrl).origin,
      ...(who && { cookie: who.cookie }),
    },
    body: body.toString(),
  }
}
