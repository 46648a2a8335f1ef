import type { Generated } from 'kysely'

/** Where a webhook posts, which shapes its body: Slack's and Discord's incoming webhooks, a Matrix room, or plain JSON. */
export type WebhookKind = 'slack' | 'discord' | 'matrix' | 'json'

/** A member's webhook. For Matrix, `url` is the homeserver and the room and access token sit beside it. */
export interface WebhooksTable {
  id: Generated<number>
  user_id: number
  kind: WebhookKind
  url: string
  matrix_room: string | null
  matrix_token: string | null
  /** The HMAC-SHA256 key of `X-Paperboy-Signature`; kept as is, since every delivery signs with it. */
  secret: string
  /** 1: every follow of the member; 0: only those in `webhook_follows`. */
  all_follows: number
  enabled: number
  /** Why the site turned it off (repeated failures); null when on, or when the member turned it off. */
  disabled_reason: string | null
  /** Deliveries marked failed in a row; a delivery that arrives resets it. */
  consecutive_failures: number
  last_status: 'delivered' | 'retrying' | 'failed' | null
  last_error: string | null
  last_delivery_at: string | null
  created_at: string
  updated_at: string
}

/** The follows a webhook applies to when it does not apply to all of them. */
export interface WebhookFollowsTable {
  webhook_id: number
  follow_id: number
}

export type DeliveryStatus = 'queued' | 'sending' | 'delivered' | 'failed'

/** One alert to one webhook: the durable outbox, claimed with a lease, retried, then delivered or failed. */
export interface WebhookDeliveriesTable {
  id: Generated<number>
  /** `X-Paperboy-Delivery` (and Matrix's transaction id): the same on every attempt, so receivers can dedupe. */
  delivery_id: string
  webhook_id: number
  follow_id: number
  batch: string
  /** The Alert as JSON; the body is built from it, in the webhook's shape, at each attempt. */
  alert: string
  status: DeliveryStatus
  attempts: number
  lease_until: string | null
  next_attempt_at: string | null
  last_status_code: number | null
  last_error: string | null
  created_at: string
  delivered_at: string | null
}

export type WebhookTables = {
  webhooks: WebhooksTable
  webhook_follows: WebhookFollowsTable
  webhook_deliveries: WebhookDeliveriesTable
}
