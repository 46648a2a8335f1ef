import { z } from 'zod'
import { readSettings } from '../config.js'

const schema = z.object({
  // Let webhooks reach loopback, private and link-local addresses (a Matrix homeserver on the LAN);
  // off by default, so that members cannot make the server call what only it can reach (decision 0027).
  WEBHOOKS_ALLOW_PRIVATE: z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .default('false')
    .transform((v) => v === 'true'),
})

export interface WebhookSettings {
  allowPrivate: boolean
}

export function loadWebhookSettings(env: NodeJS.ProcessEnv = process.env): WebhookSettings {
  return { allowPrivate: readSettings(schema, env).WEBHOOKS_ALLOW_PRIVATE }
}
