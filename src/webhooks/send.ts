import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import http from 'node:http'
import https from 'node:https'
import type { LookupFunction } from 'node:net'
import { ipLiteral, isInternalAddress } from './address.js'
import type { OutgoingRequest } from './request.js'

/**
 * What came back: a status (and Retry-After), the network error that stood in for one, or a refusal
 * to send at all (the address is inside the server's own network, which no retry changes).
 */
export type SendOutcome =
  | { kind: 'response'; status: number; retryAfter: string | null; body: string }
  | { kind: 'error'; message: string }
  | { kind: 'refused'; message: string }

const INTERNAL_MESSAGE = 'the address is inside this server’s own network (WEBHOOKS_ALLOW_PRIVATE is off)'

/** Enough of a receiver's answer to show the member why it refused; the rest is read and dropped. */
const KEPT_BODY_BYTES = 500

export interface SendOptions {
  /** The whole exchange, connecting to the last byte of the answer: a receiver that drips is cut off too. */
  timeoutMs: number
  allowInternal: boolean
}

/**
 * Sends one request with Node's own client (not fetch): it follows no redirect, and its `lookup`
 * hook sees the very address it connects to, so a name that resolves inside the network is refused
 * at connection time, after any DNS trick, not only when the member typed it.
 */
export function sendRequest(request: OutgoingRequest, options: SendOptions): Promise<SendOutcome> {
  return new Promise((resolve) => {
    let url: URL
    try {
      url = new URL(request.url)
    } catch {
      return resolve({ kind: 'error', message: 'the address is not valid' })
    }
    const literal = ipLiteral(url.hostname)
    if (!options.allowInternal && literal && isInternalAddress(literal))
      return resolve({ kind: 'refused', message: INTERNAL_MESSAGE })
    const client = url.protocol === 'https:' ? https : http
    const req = client.request(url, {
      method: request.method,
      headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
      lookup: options.allowInternal ? undefined : externalOnlyLookup,
      agent: false, // no pooled socket outlives a timeout, and one slow receiver holds nobody else's
    })
    const timer = setTimeout(
      () => req.destroy(new Error(`no answer within ${options.timeoutMs / 1000} s`)),
      options.timeoutMs,
    )
    req.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer)
      resolve(
        error.code === 'EINTERNAL'
          ? { kind: 'refused', message: INTERNAL_MESSAGE }
          : { kind: 'error', message: error.message },
      )
    })
    req.on('response', (res) => {
      const chunks: Buffer[] = []
      let kept = 0
      res.on('data', (chunk: Buffer) => {
        if (kept < KEPT_BODY_BYTES) chunks.push(chunk)
        kept += chunk.length
      })
      res.on('error', () => {}) // the request's own error handler resolves
      res.on('end', () => {
        clearTimeout(timer)
        const retryAfter = res.headers['retry-after']
        resolve({
          kind: 'response',
          status: res.statusCode ?? 0,
          retryAfter: typeof retryAfter === 'string' ? retryAfter : null,
          body: Buffer.concat(chunks).toString('utf8').slice(0, KEPT_BODY_BYTES),
        })
      })
    })
    req.end(request.body)
  })
}

/** dns.lookup that fails for a name with any internal address among its answers. */
const externalOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, '', 0)
    const internal = addresses.find((a) => isInternalAddress(a.address))
    if (internal) {
      const refused = Object.assign(new Error(`${hostname} resolves inside this server’s own network`), {
        code: 'EINTERNAL',
      })
      return callback(refused, '', 0)
    }
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses)
    callback(null, addresses[0]!.address, addresses[0]!.family)
  })
}
