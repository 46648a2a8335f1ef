import { z } from 'zod'
import { badRequest } from './http-error.js'

/** Parses query parameters through a zod schema; the first problem becomes a 400 naming it. */
export function parseQuery<S extends z.ZodType>(schema: S, query: Record<string, string>): z.infer<S> {
  const parsed = schema.safeParse(query)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]!
  const name = issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''
  throw badRequest(`${name}${issue.message}`)
}

/** A listing's `?page=`: a whole number from 1, 1 when absent, at most `max` when given. */
export function pageNumber(max?: number) {
  const page = z.coerce
    .number({ message: 'page must be a number' })
    .int('page must be a whole number')
    .min(1, 'page starts at 1')
  return (max === undefined ? page : page.max(max, `page must be at most ${max}`)).default(1)
}
