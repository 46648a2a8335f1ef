import type { z } from 'zod'
import { badRequest } from './http-error.js'

/** Parses query parameters through a zod schema; the first problem becomes a 400 naming it. */
export function parseQuery<S extends z.ZodType>(schema: S, query: Record<string, string>): z.infer<S> {
  const parsed = schema.safeParse(query)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]!
  const name = issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''
  throw badRequest(`${name}${issue.message}`)
}
