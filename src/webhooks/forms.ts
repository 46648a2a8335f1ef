import { z } from 'zod'
import type { WebhookKind } from './schema.js'
import { parseTargetUrl } from './target-url.js'

export const KINDS: { kind: WebhookKind; label: string; hint: string }[] = [
  { kind: 'slack', label: 'Slack', hint: 'an incoming webhook: https://hooks.slack.com/services/…' },
  { kind: 'discord', label: 'Discord', hint: 'a channel’s webhook: https://discord.com/api/webhooks/…' },
  { kind: 'matrix', label: 'Matrix', hint: 'your homeserver, a room id and an access token' },
  { kind: 'json', label: 'JSON', hint: 'any address that takes a signed JSON POST' },
]

/** A room id as the Matrix spec writes it: `!opaque:server.name`. */
const ROOM_ID = /^![\x21-\x39\x3b-\x7e]+:[A-Za-z0-9.:[\]-]+$/
/** An access token: printable ASCII without spaces. */
const ACCESS_TOKEN = /^[\x21-\x7e]+$/

const addForm = z.object({
  kind: z.enum(['slack', 'discord', 'matrix', 'json'], { message: 'Choose where the webhook posts.' }),
  url: z.string(),
  matrix_room: z.string().trim().max(255, 'A room id has at most 255 characters.').default(''),
  matrix_token: z.string().trim().max(1024, 'That access token is longer than 1,024 characters.').default(''),
  applies: z.enum(['all', 'chosen']).default('all'),
})

export interface AddWebhook {
  kind: WebhookKind
  url: string
  matrixRoom: string | null
  matrixToken: string | null
  followIds: number[]
}

/**
 * The "add a webhook" form, checked: the address (target-url.ts), a Matrix room id and token when
 * the kind is Matrix, and the chosen follows (`follow-<id>` boxes, only the member's own). Errors are
 * keyed by field id, as the page shows them.
 */
export function parseAddForm(
  form: Record<string, string>,
  ownFollowIds: number[],
  allowInternal: boolean,
): { ok: true; value: AddWebhook } | { ok: false; errors: Record<string, string> } {
  const parsed = addForm.safeParse(form)
  if (!parsed.success) {
    const errors: Record<string, string> = {}
    for (const issue of parsed.error.issues)
      errors[`webhook-${String(issue.path[0]).replace('_', '-')}`] ??= issue.message
    return { ok: false, errors }
  }
  const f = parsed.data
  const errors: Record<string, string> = {}
  const target = parseTargetUrl(f.url, allowInternal)
  if ('error' in target) errors['webhook-url'] = target.error
  if (f.kind === 'matrix') {
    if (!ROOM_ID.test(f.matrix_room))
      errors['webhook-matrix-room'] = 'Enter the room’s id, such as !abcdef:matrix.org (Room settings → Advanced).'
    if (!ACCESS_TOKEN.test(f.matrix_token))
      errors['webhook-matrix-token'] = 'Enter the access token of the account that posts.'
  }
  const choice = parseFollowChoice(form, ownFollowIds)
  if ('error' in choice) errors['webhook-follows'] = choice.error
  const followIds = 'error' in choice ? [] : choice.followIds
  if (Object.keys(errors).length > 0 || 'error' in target) return { ok: false, errors }
  return {
    ok: true,
    value: {
      kind: f.kind,
      url: target.url,
      matrixRoom: f.kind === 'matrix' ? f.matrix_room : null,
      matrixToken: f.kind === 'matrix' ? f.matrix_token : null,
      followIds,
    },
  }
}

/**
 * Which follows a webhook applies to, from `applies` (all | chosen) and the `follow-<id>` boxes:
 * `[]` for all; only the member's own follows count, whatever ids the form names.
 */
export function parseFollowChoice(
  form: Record<string, string>,
  ownFollowIds: number[],
): { followIds: number[] } | { error: string } {
  if (form.applies !== 'chosen') return { followIds: [] }
  const followIds = ownFollowIds.filter((id) => form[`follow-${id}`] === 'on')
  return followIds.length > 0 ? { followIds } : { error: 'Choose at least one follow, or all of them.' }
}
