import type { Alert } from '../follows/alert.js'
import { discordMessage } from './payloads/discord.js'
import { jsonMessage } from './payloads/json.js'
import { matrixMessage } from './payloads/matrix.js'
import { slackMessage } from './payloads/slack.js'
import type { WebhookKind } from './schema.js'
import { DELIVERY_HEADER, SIGNATURE_HEADER, signBody, TIMESTAMP_HEADER } from './signing.js'

/** What a delivery needs of its webhook. */
export interface WebhookTarget {
  kind: WebhookKind
  url: string
  matrixRoom: string | null
  matrixToken: string | null
  secret: string
}

export interface OutgoingRequest {
  method: 'POST' | 'PUT'
  url: string
  headers: Record<string, string>
  body: string
}

/**
 * The HTTP request that delivers `alert` to `target`: the body in the target's shape, signed. A
 * Matrix room takes a PUT whose transaction id is the delivery id, so the homeserver itself drops a
 * retry of a message it has (its spec makes PUT /send idempotent per transaction id).
 */
export function buildRequest(
  target: WebhookTarget,
  alert: Alert,
  deliveryId: string,
  siteName: string,
  timestampS: number,
): OutgoingRequest {
  const message =
    target.kind === 'slack'
      ? slackMessage(alert, siteName)
      : target.kind === 'discord'
        ? discordMessage(alert, siteName)
        : target.kind === 'matrix'
          ? matrixMessage(alert, siteName)
          : jsonMessage(alert)
  const body = JSON.stringify(message)
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    [SIGNATURE_HEADER]: signBody(target.secret, timestampS, body),
    [TIMESTAMP_HEADER]: String(timestampS),
    [DELIVERY_HEADER]: deliveryId,
  }
  if (target.kind !== 'matrix') return { method: 'POST', url: target.url, headers, body }
  const room = encodeURIComponent(target.matrixRoom ?? '')
  const url = `${target.url.replace(/\/+$/, '')}/_matrix/client/v3/rooms/${room}/send/m.room.message/${encodeURIComponent(deliveryId)}`
  return { method: 'PUT', url, headers: { ...headers, authorization: `Bearer ${target.matrixToken ?? ''}` }, body }
}
