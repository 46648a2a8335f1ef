import type { SendOutcome } from './send.js'

/** Eight attempts, the gaps growing 1 min, 3 min, 9 min … 12 h: about 18 hours from first to last. */
export const MAX_ATTEMPTS = 8
const FIRST_GAP_MS = 60_000
const MAX_GAP_MS = 12 * 3_600_000
/** A failure of the delivery in hand that says nothing of the next: these statuses may pass. */
const TRANSIENT = new Set([408, 429])

export type Verdict =
  | { kind: 'delivered'; status: number }
  | { kind: 'retry'; status: number | null; error: string; delayMs: number }
  | { kind: 'failed'; status: number | null; error: string }

/**
 * What one attempt's outcome means: 2xx delivered; 408, 429, 5xx and network errors (a timeout, a
 * refused connection) tried again later, honouring Retry-After, until MAX_ATTEMPTS; a redirect, any
 * other 4xx or an internal address failed at once, since sending it again would get the same answer.
 */
export function judge(outcome: SendOutcome, attempts: number, now: number, random: () => number): Verdict {
  if (outcome.kind === 'response' && outcome.status >= 200 && outcome.status < 300)
    return { kind: 'delivered', status: outcome.status }
  if (outcome.kind === 'refused') return { kind: 'failed', status: null, error: outcome.message }
  const status = outcome.kind === 'response' ? outcome.status : null
  const error = describe(outcome)
  const transient = status === null || status >= 500 || TRANSIENT.has(status)
  if (!transient || attempts >= MAX_ATTEMPTS) return { kind: 'failed', status, error }
  const asked = outcome.kind === 'response' ? retryAfterMs(outcome.retryAfter, now) : null
  const delayMs = Math.min(MAX_GAP_MS, asked ?? backoffMs(attempts, random))
  return { kind: 'retry', status, error, delayMs }
}

/** The gap after the `attempts`-th failure: exponential, with ±20 % jitter so retries of many webhooks spread out. */
export function backoffMs(attempts: number, random: () => number): number {
  const gap = Math.min(MAX_GAP_MS, FIRST_GAP_MS * 3 ** (attempts - 1))
  return Math.round(gap * (0.8 + 0.4 * random()))
}

/** Retry-After as milliseconds from `now`: delta-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null) return null
  const value = header.trim()
  if (/^\d+$/.test(value)) return Number(value) * 1000
  const at = Date.parse(value)
  return Number.isNaN(at) ? null : Math.max(0, at - now)
}

function describe(outcome: Exclude<SendOutcome, { kind: 'refused' }>): string {
  if (outcome.kind === 'error') return outcome.message
  const said = outcome.body.replace(/\s+/g, ' ').trim().slice(0, 200)
  const redirect =
    outcome.status >= 300 && outcome.status < 400 ? ' (redirects are not followed: give the final address)' : ''
  return `HTTP ${outcome.status}${redirect}${said ? `: ${said}` : ''}`
}
