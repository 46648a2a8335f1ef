import { z } from 'zod'
import { readSettings } from '../config.js'
import { isCron } from '../platform/jobs/cron.js'

const schema = z.object({
  // When `serve` sends the digests: a cron expression in DIGEST_TIMEZONE (08:00 by default).
  DIGEST_SCHEDULE: z
    .string()
    .default('0 8 * * *')
    .refine((s) => isCron(s), 'must be a cron expression such as "0 8 * * *"'),
  DIGEST_TIMEZONE: z
    .string()
    .default('UTC')
    .refine((tz) => isTimeZone(tz), 'must be an IANA time zone such as Europe/Berlin'),
})

export interface DigestSettings {
  schedule: string
  timezone: string
}

export function loadDigestSettings(env: NodeJS.ProcessEnv = process.env): DigestSettings {
  const v = readSettings(schema, env)
  return { schedule: v.DIGEST_SCHEDULE, timezone: v.DIGEST_TIMEZONE }
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz })
    return true
  } catch {
    return false
  }
}
