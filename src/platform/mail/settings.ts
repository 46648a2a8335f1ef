import { z } from 'zod'
import { readSettings } from '../../config.js'

const schema = z.object({
  // smtp://user:pass@host:587 (STARTTLS when the server offers it) or smtps://…:465 (TLS from the start).
  SMTP_URL: z
    .string()
    .trim()
    .refine((s) => s === '' || /^smtps?:\/\/[^/\s]+/.test(s), 'must be smtp://user:pass@host:port or smtps://…')
    .transform((s) => s || undefined)
    .optional(),
  MAIL_FROM: z.string().trim().max(200).optional(),
  OUTBOX_DIR: z.string().trim().min(1).default('./data/outbox'),
})

export interface MailSettings {
  /** Where mail goes; absent, every message is written to `outboxDir` as an `.eml` file instead. */
  smtpUrl: string | null
  /** The From address; absent, `"<site name>" <no-reply@<BASE_URL's host>>`. */
  from: string | null
  outboxDir: string
}

export function loadMailSettings(env: NodeJS.ProcessEnv = process.env): MailSettings {
  const v = readSettings(schema, env)
  return { smtpUrl: v.SMTP_URL ?? null, from: v.MAIL_FROM || null, outboxDir: v.OUTBOX_DIR }
}
