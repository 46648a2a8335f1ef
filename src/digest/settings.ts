import { availableParallelism } from 'node:os'
import { z } from 'zod'
import { readSettings } from '../config.js'
import { isCron } from '../platform/jobs/cron.js'
import { defaultFrom } from '../platform/mail/mailer.js'
import type { MailSettings } from '../platform/mail/settings.js'

/** Five minutes: far longer than a batch takes to send, short enough that a crash delays little. */
export const DEFAULT_LEASE_MS = 5 * 60_000

const schema = z.object({
  // When `serve` sends the digests: a cron expression in DIGEST_TIMEZONE (08:00 by default).
  DIGEST_SCHEDULE: z
    .string()
    .default('0 8 * * *')
    .refine((s) => isCron(s), 'must be a cron expression such as "0 8 * * *"'),
  // The shared secret a mail provider's bounce and complaint notices carry to POST /hooks/bounce
  // (`Authorization: Bearer <secret>`); unset, the hook does not exist.
  BOUNCE_HOOK_SECRET: z
    .string()
    .trim()
    .refine((s) => s === '' || s.length >= 24, 'must be at least 24 characters (e.g. openssl rand -hex 24)')
    .transform((s) => s || undefined)
    .optional(),
  // How many senders drain the outbox at once, each on a thread of its own (rendering, encoding and DKIM
  // signing keep one core busy each). One sends everything on the server's own thread.
  DIGEST_SENDERS: z.coerce.number().int().min(1).max(16).default(defaultSenders()),
  // How long a sender's claim on a batch of digests holds: after a crash, its digests wait this long before
  // another sender takes them over (and may send the ones in flight at the crash again).
  DIGEST_LEASE_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(86_400)
    .default(DEFAULT_LEASE_MS / 1000),
  // The mailbox of the mailto List-Unsubscribe (a digest names unsubscribe+TOKEN@ it) whose inbound
  // mail the provider reports to POST /hooks/unsubscribe-mail; by default unsubscribe@ the From domain.
  UNSUBSCRIBE_MAILBOX: z
    .string()
    .trim()
    .refine(
      (s) => s === '' || /^[A-Za-z0-9._-]{1,40}@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/.test(s),
      'must be a plain address such as unsubscribe@example.org (no + in it)',
    )
    .transform((s) => s || undefined)
    .optional(),
  DIGEST_TIMEZONE: z
    .string()
    .default('UTC')
    .refine((tz) => isTimeZone(tz), 'must be an IANA time zone such as Europe/Berlin'),
})

export interface DigestSettings {
  schedule: string
  senders: number
  leaseMs: number
  timezone: string
  bounceHookSecret: string | null
  unsubscribeMailbox: string | null
}

export function loadDigestSettings(env: NodeJS.ProcessEnv = process.env): DigestSettings {
  const v = readSettings(schema, env)
  return {
    schedule: v.DIGEST_SCHEDULE,
    senders: v.DIGEST_SENDERS,
    leaseMs: v.DIGEST_LEASE_SECONDS * 1000,
    timezone: v.DIGEST_TIMEZONE,
    bounceHookSecret: v.BOUNCE_HOOK_SECRET ?? null,
    unsubscribeMailbox: v.UNSUBSCRIBE_MAILBOX ?? null,
  }
}

/**
 * The mailbox digests name in their mailto List-Unsubscribe, or undefined for none: a mailed
 * unsubscribe only takes effect through the provider's inbound hook, which exists only with
 * BOUNCE_HOOK_SECRET, and a mailto that silently does nothing is worse than none.
 */
export function unsubscribeMailbox(digest: DigestSettings, mail: MailSettings, baseUrl: string): string | undefined {
  if (!digest.bounceHookSecret) return undefined
  if (digest.unsubscribeMailbox) return digest.unsubscribeMailbox
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(defaultFrom(mail, 'x', baseUrl))?.[1]
  return domain ? `unsubscribe@${domain}` : undefined
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz })
    return true
  } catch {
    return false
  }
}

/** One sender per core, up to four: past that the SMTP server, not this side, sets the pace. */
export function defaultSenders(): number {
  return Math.min(4, availableParallelism())
}
