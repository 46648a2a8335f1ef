import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A local HTTP server that replays recorded responses and plays the faults a real network plays.
 * Each route holds a queue of replies; the last one repeats. Every request is logged with the
 * time it arrived, so tests can measure the politeness delay between requests.
 */
export interface Reply {
  status?: number
  body?: string | Buffer
  /** Read the body from a file (a recorded response in ../shared/data). */
  file?: string
  headers?: Record<string, string>
  /** Wait this long before answering. */
  delayMs?: number
  /** Send this many bytes of the body, then destroy the socket (a reset mid-body). */
  resetAfterBytes?: number
}

export interface Logged {
  at: number
  method: string
  path: string
  query: URLSearchParams
}

export class FaultServer {
  readonly requests: Logged[] = []
  private routes: { match: (req: Logged) => boolean; replies: Reply[] }[] = []
  private server: Server | null = null
  private port = 0

  /** `now` stamps each request's arrival: a test's virtual clock, or the system's. */
  constructor(private readonly now: () => number = Date.now) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  /** Queue replies for requests matching `match` (a path, or a predicate over the request). */
  on(match: string | ((req: Logged) => boolean), ...replies: Reply[]): this {
    const test = typeof match === 'string' ? (r: Logged) => r.path === match : match
    this.routes.unshift({ match: test, replies })
    return this
  }

  reset(): void {
    this.routes = []
    this.requests.length = 0
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res))
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve))
    this.port = (this.server.address() as AddressInfo).port
    return this
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections()
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve())
  }

  private async handle(req: IncomingMessage, res: import('node:http').ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://x')
    const logged: Logged = { at: this.now(), method: req.method ?? 'GET', path: url.pathname, query: url.searchParams }
    this.requests.push(logged)
    const route = this.routes.find((r) => r.match(logged))
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('no route in fault server')
      return
    }
    const reply = route.replies.length > 1 ? route.replies.shift()! : route.replies[0]!
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs))
    const body = reply.file ? readFileSync(reply.file) : Buffer.from(reply.body ?? '')
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/xml; charset=utf-8', ...reply.headers })
    if (reply.resetAfterBytes !== undefined) {
      res.flushHeaders()
      res.write(body.subarray(0, reply.resetAfterBytes), () => setTimeout(() => req.socket.destroy(), 20))
      return
    }
    res.end(body)
  }
}
