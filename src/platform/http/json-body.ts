import type { Context } from 'hono'
import type { z } from 'zod'
import { HttpError } from './http-error.js'

/**
 * A JSON request body read through `schema`: a body that is not JSON, or not what the schema
 * takes, is a 400 naming the first wrong field, never a 500.
 */
export async function readJson<T>(c: Context, schema: z.ZodType<T>): Promise<T> {
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(c.req.header('content-type') ?? '')) {
    throw new HttpError(400, 'Send the body as JSON, with Content-Type: application/json.')
  }
  const body: unknown = await c.req.json().catch(() => {
    throw new HttpError(400, 'The body is not valid JSON.')
  })
  const parsed = schema.safeParse(body)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const path = issue.path.join('.')
    throw new HttpError(400, path ? `${path}: ${issue.message}` : issue.message)
  }
  return parsed.data
}
