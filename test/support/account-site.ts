import pino from 'pino'
import { expect } from 'vitest'
import { createApp } from '../../src/app.js'
import { SESSION_COOKIE } from '../../src/community/accounts/session-cookie.js'
import { csrfTokenFor } from '../../src/community/accounts/tokens.js'
import { loadConfig } from '../../src/config.js'
import type { Db } from '../../src/platform/db/connect.js'
import { createRateLimits, type RateLimits } from '../../src/platform/http/rate-limit.js'
import type { Mailer } from '../../src/platform/mail/mailer.js'
import type { SmtpSink } from './smtp.js'

export const ACCOUNT_BASE_URL = 'https://papers.example.org'

/** A clock a test moves by hand (links that expire, sessions that age). */
export interface TestClock {
  now: () => number
  advance(ms: number): void
}

export function testClock(start = Date.parse('2026-12-03T07:00:00Z')): TestClock {
  let t = start
  return { now: () => t, advance: (ms) => void (t += ms) }
}

/** The app as `paperboy serve` builds it, with a test's mailer, clock and rate-limit counters. */
export function accountApp(
  db: Db,
  opts: { mailer: Mailer; clock?: TestClock; rateLimits?: RateLimits; baseUrl?: string },
): ReturnType<typeof createApp> {
  const config = loadConfig({ BASE_URL: opts.baseUrl ?? ACCOUNT_BASE_URL, LOG_LEVEL: 'silent', TRUST_PROXY: 'true' })
  return createApp({
    config,
    db,
    logger: pino({ level: 'silent' }),
    now: opts.clock?.now ?? Date.now,
    mailer: opts.mailer,
    rateLimits: opts.rateLimits ?? createRateLimits(null),
  })
}

/** The token of an emailed link (confirmation, address change, password reset). */
export const tokenOf = (link: string) => new URL(link).searchParams.get('token')!

/** Signs `username` up in a fresh browser and confirms the address from the email, as a reader does. */
export async function signUpConfirmed(
  app: ReturnType<typeof createApp>,
  smtp: SmtpSink,
  username: string,
  { email = `${username}@lab.example.org`, password }: { email?: string; password: string },
): Promise<FormBrowser> {
  const b = new FormBrowser(app)
  expect((await b.post('/signup', { username, email, password })).status).toBe(200)
  const link = (await smtp.nextMessageTo(email)).links.find((l) => l.includes('/account/verify'))!
  expect((await b.post('/account/verify', { token: tokenOf(link) })).status).toBe(303)
  return b
}

let addresses = 0
/** A client address of its own (X-Forwarded-For), so that one test's per-address limits never touch another's. */
export function freshIp(): string {
  addresses++
  return `10.${(addresses >> 16) & 255}.${(addresses >> 8) & 255}.${addresses & 255}`
}

/**
 * A browser as far as forms are concerned: it keeps the cookies the site sets, sends them back,
 * adds the signed-in reader's CSRF token to every form as the pages do, and comes from one
 * client address.
 */
export class FormBrowser {
  readonly cookies = new Map<string, string>()
  constructor(
    private readonly app: ReturnType<typeof createApp>,
    readonly ip = freshIp(),
    private readonly userAgent = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  ) {}

  get signedIn(): boolean {
    return this.cookies.has(SESSION_COOKIE)
  }

  get(path: string): Promise<Response> {
    return this.send(path, { method: 'GET' })
  }

  /** A form POST from this site's pages. */
  post(path: string, fields: Record<string, string>): Promise<Response> {
    const session = this.cookies.get(SESSION_COOKIE)
    const body = new URLSearchParams(session ? { _csrf: csrfTokenFor(session), ...fields } : fields)
    return this.send(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ACCOUNT_BASE_URL },
      body: body.toString(),
    })
  }

  private async send(path: string, init: RequestInit): Promise<Response> {
    const headers = new Headers(init.headers)
    headers.set('x-forwarded-for', this.ip)
    headers.set('user-agent', this.userAgent)
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '))
    const res = await this.app.request(`${ACCOUNT_BASE_URL}${path}`, { ...init, headers, redirect: 'manual' })
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';')
      const [name, value] = [pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1)]
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === ''
      if (expired) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
    return res
  }
}
