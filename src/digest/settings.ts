import { z } from 'zod'
import { readSettings } from '../config.js'
import { isCron } from '../platform/jobs/cron.js'

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
  DIGEST_TIMEZONE: z
    .string()
    .default('UTC')
    .refine((tz) => isTimeZone(tz), 'must be an IANA time zone such as Europe/Berlin'),
})

export interface DigestSettings {
  schedule: string
  timezone: string
  bounceHookSecret: string | null
}

export function loadDigestSettings(env: NodeJS.ProcessEnv = process.env): DigestSettings {
  const v = readSettings(schema, env)
  return { schedule: v.DIGEST_SCHEDULE, timezone: v.DIGEST_TIMEZONE, bounceHookSecret: v.BOUNCE_HOOK_SECRET ?? null }
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz })
    return true
  } catch {
    return false
  }
}
