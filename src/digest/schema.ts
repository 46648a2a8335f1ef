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

export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'skipped'

/** One digest to one subscriber for one period (`daily:2026-08-21`, `weekly:2026-W34`). */
export interface DigestOutboxTable {
  id: Generated<number>
  subscription_id: number
  period: string
  status: OutboxStatus
  attempts: number
  lease_until: string | null
  next_attempt_at: string | null
  last_error: string | null
  message_id: string | null
  papers: number
  created_at: string
  sent_at: string | null
}

export interface DigestSentPapersTable {
  subscription_id: number
  paper_id: string
  sent_at: string
}

export type DigestTables = {
  subscriptions: SubscriptionsTable
  digest_outbox: DigestOutboxTable
  digest_sent_papers: DigestSentPapersTable
}
