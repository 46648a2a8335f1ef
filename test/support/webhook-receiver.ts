import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A request a receiver got, as a webhook receiver would read it. */
export interface Received {
  at: number
  method: string
  path: string
  headers: IncomingMessage['headers']
  body: string
}

/** How the receiver answers one request: a status (and headers), never (hang), or a reset after reading it. */
export type Answer = { status: number; headers?: Record<string, string>; delayMs?: number } | 'hang' | 'reset'

/**
 * A real HTTP server on a free local port that records every request (method, path, headers, body)
 * and answers with the queued answers in turn, the last one repeating: the webhook tests' receiver.
 */
export interface Receiver {
  url: string
  received: Received[]
  /** Resolves when `n` requests have arrived (rejects after `timeoutMs`). */
  waitFor(n: number, timeoutMs?: number): Promise<Received[]>
  close(): Promise<void>
}

export async function startReceiver(...answers: Answer[]): Promise<Receiver> {
  const received: Received[] = []
  const queue = answers.length > 0 ? [...answers] : [{ status: 200 }]
  const hanging: ServerResponse[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      received.push({
        at: Date.now(),
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      })
      const answer = queue.length > 1 ? queue.shift()! : queue[0]!
      if (answer === 'hang') return void hanging.push(res)
      if (answer === 'reset') return void req.socket.destroy()
      const reply = () => res.writeHead(answer.status, answer.headers).end(answer.status === 204 ? undefined : 'ok')
      if (answer.delayMs) setTimeout(reply, answer.delayMs)
      else reply()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    async waitFor(n, timeoutMs = 5000) {
      const until = Date.now() + timeoutMs
      while (received.length < n) {
        if (Date.now() > until) throw new Error(`the receiver got ${received.length} requests, not ${n}`)
        await new Promise((r) => setTimeout(r, 20))
      }
      return received
    },
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
