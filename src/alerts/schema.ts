import type { Generated } from 'kysely'
import type { AlertCadence } from '../follows/schema.js'

export type AlertOutboxStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'skipped'

/**
 * One alert email: one follow's papers of one batch (`instant:…`, `daily:2026-12-03`), which papers
 * and why frozen as JSON when it was queued, so a resumed or retried send tells what was matched.
 */
export interface AlertOutboxTable {
  id: Generated<number>
  follow_id: number
  user_id: number
  batch: string
  status: AlertOutboxStatus
  attempts: number
  lease_until: string | null
  next_attempt_at: string | null
  last_error: string | null
  message_id: string | null
  /** The StoredAlert (stored-alert.ts) as JSON. */
  alert: string
  created_at: string
  sent_at: string | null
}

/** Every paper a follow has alerted about (by any channel), and the version and state it was in. */
export interface AlertSentPapersTable {
  follow_id: number
  paper_id: string
  version: number | null
  withdrawn: number
  sent_at: string
}

/** One batch per cadence and window: the next batch of a cadence starts where the last one ended. */
export interface AlertBatchesTable {
  key: string
  cadence: Exclude<AlertCadence, 'off'>
  since: string
  until: string
  alerts: number
  created_at: string
  /** Null while its alerts are being written: a run that stopped half-way is made again. */
  finished_at: string | null
}

/** Permanent rejections of a member's address; past a few, alert emails stop until one gets through. */
export interface AlertBouncesTable {
  user_id: number
  bounces: number
  updated_at: string
}

export type AlertTables = {
  alert_outbox: AlertOutboxTable
  alert_sent_papers: AlertSentPapersTable
  alert_batches: AlertBatchesTable
  alert_bounces: AlertBouncesTable
}
