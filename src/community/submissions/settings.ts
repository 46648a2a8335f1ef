import { z } from 'zod'
import { readSettings } from '../../config.js'

const count = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback)

const schema = z.object({
  // Hugging Face's rules: a paper at most 14 days old (from its arXiv v1), at most 5 submissions a day.
  SUBMIT_MAX_AGE_DAYS: count(14, 3650),
  SUBMIT_PER_DAY: count(5, 1000),
})

export interface SubmitRules {
  /** How old (arXiv v1 date) a paper may be and still be submitted. */
  maxAgeDays: number
  /** Submissions a member may make in any 24 hours. */
  perDay: number
}

export function loadSubmitRules(env: NodeJS.ProcessEnv = process.env): SubmitRules {
  const v = readSettings(schema, env)
  return { maxAgeDays: v.SUBMIT_MAX_AGE_DAYS, perDay: v.SUBMIT_PER_DAY }
}
