import type { Generated } from 'kysely'

/** A reader's account. `username_key` and `email_key` are the lower-cased forms, unique. */
export interface UsersTable {
  id: Generated<number>
  username: string
  username_key: string
  display_name: string
  email: string
  email_key: string
  email_verified_at: string | null
  password_hash: string
  role: Generated<'user' | 'admin'>
  banned_at: string | null
  deleted_at: string | null
  created_at: string
}

/** A signed-in browser: the cookie holds a random token, the table its SHA-256. */
export interface SessionsTable {
  id_hash: string
  user_id: number
  created_at: string
  last_seen_at: string
  expires_at: string
  user_agent: string | null
}

/** A one-time link mailed to a reader: `verify`, `reset` or `change-email` (to `email`). */
export interface EmailTokensTable {
  token_hash: string
  user_id: number
  purpose: 'verify' | 'reset' | 'change-email'
  email: string
  created_at: string
  expires_at: string
  used_at: string | null
}

/** A personal access token for the write API; the table keeps its SHA-256 only. */
export interface ApiTokensTable {
  id: Generated<number>
  user_id: number
  name: string
  token_hash: string
  created_at: string
  last_used_at: string | null
  revoked_at: string | null
}

export type AccountTables = {
  api_tokens: ApiTokensTable
  users: UsersTable
  sessions: SessionsTable
  email_tokens: EmailTokensTable
}
