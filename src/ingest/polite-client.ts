/**
 * An HTTP client that follows arXiv's terms of use for its APIs: one request at a time, at least
 * `minIntervalMs` from the end of one request to the start of the next (3 s for arXiv; counting
 * from the end means the server sees the gap too, however slow the network), a timeout per
 * request, and backing off on 403/429/503 and on network failures, honouring Retry-After.
 */
export interface PoliteClientOptions {
  minIntervalMs: number
  timeoutMs: number
  /** Retries after the first attempt, for retryable statuses and network errors. */
  maxRetries: number
  /** Backoff before retry n (0-based) when the server gives no Retry-After: base · 2^n. */
  backoffBaseMs: number
  /** Longest wait the client accepts from a Retry-After before giving up on this run. */
  maxRetryAfterMs: number
  userAgent: string
}

export interface FetchedText {
  status: number
  text: string
  url: string
}

export interface FetchedBytes {
  status: number
  bytes: Buffer
  /** The Content-Type header, lower-cased, without parameters; '' when absent. */
  contentType: string
  url: string
}

export class FetchFailed extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message)
  }
}

/** Time as the client sees it: the system's, or a virtual clock in tests. */
export interface Clock {
  now(): number
  /** Waits `ms`, or rejects as soon as `signal` aborts: a caller who gives up frees the queue. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
}

const RETRYABLE = new Set([403, 429, 500, 502, 503, 504])
// A server that accepted the connection and stayed silent for a whole timeout is not helped by
// asking again and again: a second silence ends the request, so it costs at most two timeouts.
const MAX_TIMED_OUT_ATTEMPTS = 2

export class PoliteClient {
  private chain: Promise<unknown> = Promise.resolve()
  /** Requests waiting for their turn, including the one in flight. */
  pending = 0
  private lastEnd = 0
  constructor(
    private readonly options: PoliteClientOptions,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * GETs `url` and returns its body as text (invalid UTF-8 becomes U+FFFD rather than failing).
   * A 4xx other than 403/429 is returned, not thrown: arXiv reports bad queries as an Atom error
   * feed with status 400, which the caller reads.
   */
  get(url: string, signal?: AbortSignal): Promise<FetchedText> {
    return this.enqueue(url, signal, async (response) => {
      const text = new TextDecoder('utf-8').decode(await response.arrayBuffer())
      return { status: response.status, text, url }
    })
  }

  /**
   * GETs `url` and returns its body as bytes, reading no more than `maxBytes`: a larger body (by
   * its Content-Length, or once that many bytes have arrived) fails at once, without a retry.
   */
  getBytes(url: string, maxBytes: number, signal?: AbortSignal): Promise<FetchedBytes> {
    return this.enqueue(url, signal, async (response) => {
      const contentType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
      const bytes = await readAtMost(response, maxBytes, hostOf(url))
      return { status: response.status, bytes, contentType, url }
    })
  }

  private enqueue<T>(
    url: string,
    signal: AbortSignal | undefined,
    read: (response: Response) => Promise<T>,
  ): Promise<T> {
    this.pending++
    const turn = this.chain
    const run = waitFor(turn, signal)
      .then(() => this.attempt(url, 0, 0, read, signal))
      .finally(() => this.pending--)
    // The next request waits for this one and for the turn before it: a caller that gives up
    // while queued leaves at once, but the request ahead of it is still in flight.
    this.chain = Promise.allSettled([turn, run])
    return run
  }

  private async attempt<T>(
    url: string,
    retry: number,
    timeouts: number,
    read: (response: Response) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    await this.clock.sleep(Math.max(0, this.lastEnd + this.options.minIntervalMs - this.clock.now()), signal)
    let wait: number
    let reason: string
    let status: number | null = null
    try {
      const response = await fetch(url, {
        headers: { 'User-Agent': this.options.userAgent },
        signal: signal
          ? AbortSignal.any([signal, AbortSignal.timeout(this.options.timeoutMs)])
          : AbortSignal.timeout(this.options.timeoutMs),
      })
      status = response.status
      if (!RETRYABLE.has(response.status)) return await read(response)
      await response.body?.cancel()
      reason = `HTTP ${response.status}`
      wait = retryAfterMs(response.headers.get('retry-after'), this.clock.now()) ?? this.backoff(retry)
    } catch (error) {
      signal?.throwIfAborted()
      if (error instanceof FetchFailed) throw error // the body itself was refused: asking again won't help
      reason = describeNetworkError(error)
      if (reason === TIMED_OUT) timeouts++
      wait = this.backoff(retry)
    } finally {
      this.lastEnd = this.clock.now()
    }
    if (retry >= this.options.maxRetries || timeouts >= MAX_TIMED_OUT_ATTEMPTS) {
      throw new FetchFailed(`${reason} from ${hostOf(url)} after ${retry + 1} attempts`, status)
    }
    if (wait > this.options.maxRetryAfterMs)
      throw new FetchFailed(`${reason} from ${hostOf(url)}: asked to wait ${Math.round(wait / 1000)} s`, status)
    await this.clock.sleep(wait, signal)
    return this.attempt(url, retry + 1, timeouts, read, signal)
  }

  private backoff(retry: number): number {
    return this.options.backoffBaseMs * 2 ** retry
  }
}

/** Resolves with `turn`, or rejects as soon as `signal` aborts: a caller who gives up waits no longer. */
function waitFor(turn: Promise<unknown>, signal?: AbortSignal): Promise<void> {
  if (!signal) return turn.then(() => {})
  if (signal.aborted) return Promise.reject(signal.reason)
  return new Promise((resolve, reject) => {
    const abort = () => reject(signal.reason)
    signal.addEventListener('abort', abort, { once: true })
    void turn.then(() => {
      signal.removeEventListener('abort', abort)
      resolve()
    })
  })
}

const systemClock: Clock = { now: () => Date.now(), sleep }

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  signal?.throwIfAborted()
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms)
    signal?.addEventListener('abort', abort, { once: true })
    function done() {
      signal?.removeEventListener('abort', abort)
      resolve()
    }
    function abort() {
      clearTimeout(timer)
      reject(signal!.reason)
    }
  })
}

/** The body of `response`, refused as soon as it is known to exceed `maxBytes`. */
async function readAtMost(response: Response, maxBytes: number, host: string): Promise<Buffer> {
  const tooLarge = () => new FetchFailed(`a body larger than ${maxBytes} bytes from ${host}`, response.status)
  if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
    await response.body?.cancel()
    throw tooLarge()
  }
  const chunks: Uint8Array[] = []
  let size = 0
  for await (const chunk of response.body ?? []) {
    size += chunk.byteLength
    if (size > maxBytes) throw tooLarge() // leaving the loop cancels the rest of the body
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(value: string | null, now = Date.now()): number | null {
  if (!value) return null
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000
  const at = Date.parse(value)
  return Number.isNaN(at) ? null : Math.max(0, at - now)
}

const TIMED_OUT = 'timed out'

function describeNetworkError(error: unknown): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } }
  if (e.name === 'TimeoutError') return TIMED_OUT
  return e.cause?.code ?? e.cause?.message ?? e.message ?? 'network error'
}

function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}
