import { z } from 'zod'
import { readFileSync } from 'node:fs'
import { ConfigError, readSettings } from '../../config.js'

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
  // DKIM signing of every message (digests and account emails), in the outbox too: RSA-2048 key in PEM.
  DKIM_DOMAIN: z.string().trim().optional(),
  DKIM_SELECTOR: z.string().trim().optional(),
  DKIM_PRIVATE_KEY_FILE: z.string().trim().optional(),
})

export interface MailSettings {
  /** Where mail goes; absent, every message is written to `outboxDir` as an `.eml` file instead. */
  smtpUrl: string | null
  /** The From address; absent, `"<site name>" <no-reply@<BASE_URL's host>>`. */
  from: string | null
  outboxDir: string
  /** Signs every message when set (DKIM_DOMAIN, DKIM_SELECTOR, DKIM_PRIVATE_KEY_FILE). */
  dkim?: Dkim | null
}

export interface Dkim {
  domainName: string
  keySelector: string
  privateKey: string
}

export function loadMailSettings(env: NodeJS.ProcessEnv = process.env): MailSettings {
  const v = readSettings(schema, env)
  return { smtpUrl: v.SMTP_URL ?? null, from: v.MAIL_FROM || null, outboxDir: v.OUTBOX_DIR, dkim: dkimOf(v) }
}

/** The DKIM settings: all three or none; the key file is read now, so a bad path stops the start. */
function dkimOf(v: { DKIM_DOMAIN?: string; DKIM_SELECTOR?: string; DKIM_PRIVATE_KEY_FILE?: string }): Dkim | null {
  const given = [v.DKIM_DOMAIN, v.DKIM_SELECTOR, v.DKIM_PRIVATE_KEY_FILE].filter(Boolean).length
  if (given === 0) return null
  if (given < 3)
    throw new ConfigError(
      'Invalid setting DKIM_DOMAIN: DKIM needs DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY_FILE together',
    )
  let privateKey: string
  try {
    privateKey = readFileSync(v.DKIM_PRIVATE_KEY_FILE!, 'utf8')
  } catch (error) {
    throw new ConfigError(
      `Invalid setting DKIM_PRIVATE_KEY_FILE: cannot read ${v.DKIM_PRIVATE_KEY_FILE} (${(error as NodeJS.ErrnoException).code})`,
    )
  }
  if (!/-----BEGIN (RSA )?PRIVATE KEY-----/.test(privateKey)) {
    throw new ConfigError('Invalid setting DKIM_PRIVATE_KEY_FILE: the file holds no PEM private key')
  }
  return { domainName: v.DKIM_DOMAIN!, keySelector: v.DKIM_SELECTOR!, privateKey }
}
