import type { Generated } from 'kysely'

export type SubscriptionStatus = 'pending' | 'active' | 'unsubscribed' | 'bounced'

/** One address's subscription; `categories` and `keywords` are space- and comma-separated lists. */
export interface SubscriptionsTable {
  id: Generated<number>
  email: string
  email_key: string
  status: SubscriptionStatus
  user_id: number | null
  frequency: 'daily' | 'weekly'
  every_day: number
  categories: string
  keywords: string
  max_papers: number
  paused: number
  confirm_hash: string | null
  confirm_expires_at: string | null
  bounces: number
  created_at: string
  confirmed_at: string | null
  ended_at: string | null
  updated_at: string
}

export type DigestTables = { subscriptions: SubscriptionsTable }
