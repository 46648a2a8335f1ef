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
  const body = await readBody(incoming, maxBytes)
  return Object.fromEntries(new URLSearchParams(body.toString('utf8')))
}

/**
 * The request's body, by the stream's events: `for await` over the stream built an async iterator
 * and its promises for a body of one chunk, 3–4 % of the CPU a vote costs the server
 * (docs/decisions/0033-the-vote-path.md).
 */
function readBody(incoming: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBytes) {
        done()
        incoming.resume() // drain the rest, unread, so that the connection can answer
        reject(new HttpError(413, 'The request body is too large.'))
      } else chunks.push(chunk)
    }
    const onEnd = () => {
      done()
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks))
    }
    const onError = (error: Error) => {
      done()
      reject(error)
    }
    // A client gone before the end of its body: no 'end' will come.
    const onClose = () => onError(new Error('The request ended before its body did.'))
    const done = () => {
      incoming.off('data', onData)
      incoming.off('end', onEnd)
      incoming.off('error', onError)
      incoming.off('close', onClose)
    }
    incoming.on('data', onData)
    incoming.on('end', onEnd)
    incoming.on('error', onError)
    incoming.on('close', onClose)
  })
}
