import type { IncomingMessage } from 'node:http'
import type { Context } from 'hono'
import { HttpError } from './http-error.js'

const URLENCODED = /^application\/x-www-form-urlencoded\b/i

/**
 * A form POST's fields. An urlencoded body (every form of the site) is read straight from Node's
 * request stream: going through the Fetch Request that @hono/node-server builds on demand, then a
 * Response and a FormData to parse it, cost as much as the vote a form carries. Other bodies
 * (multipart) and requests without a Node stream (app.request in tests) take Hono's parser. A
 * repeated field keeps its last value, as Hono's parser does.
 */
export async function formFields(c: Context, maxBytes: number): Promise<Record<string, string | File>> {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming
  if (!URLENCODED.test(c.req.header('content-type') ?? '') || !incoming || incoming.readableEnded) {
    return c.req.parseBody()
  }
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of incoming as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > maxBytes) throw new HttpError(413, 'The request body is too large.')
    chunks.push(chunk)
  }
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')))
}
