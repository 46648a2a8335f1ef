import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newRecoveryCodes, newTotpSecret } from '../src/community/accounts/two-factor.js'
import { enableTwoFactor, startTwoFactor } from '../src/community/accounts/two-factor-store.js'
import { HttpError } from '../src/platform/http/http-error.js'
import { createRateLimits, type Lockout, type RateLimits } from '../src/platform/http/rate-limit.js'
import { FormBrowser, accountApp, testClock } from './support/account-site.js'
import { signedInUser, TEST_PASSWORD } from './support/accounts.js'
import { describeEachDatabase } from './support/db.js'
import { textOf } from './support/html.js'
import { type SmtpSink, startSmtpSink } from './support/smtp.js'

/**
 * The same cases against the in-process counters and against Redis (127.0.0.1:6379), where several
 * instances behind one load balancer share them. With CI=true a Redis that cannot be reached fails
 * the run (.ci/run starts one); elsewhere its cases are skipped and say so.
 */
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

async function redisReachable(): Promise<boolean> {
  const client = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
  client.on('error', () => {})
  try {
    await client.connect()
    return (await client.ping()) === 'PONG'
  } catch {
    return false
  } finally {
    client.disconnect()
  }
}
const redisUp = await redisReachable()
if (!redisUp && process.env.CI === 'true') throw new Error(`Redis is not reachable at ${REDIS_URL}; CI must start it`)

interface Backend {
  name: 'memory' | 'redis'
  /** Counters of their own (a fresh Redis key prefix), or shared with another instance's when given its prefix. */
  make(prefix?: string): Promise<{ limits: RateLimits; prefix: string }>
}

const memory: Backend = {
  name: 'memory',
  make: async () => ({ limits: createRateLimits(null), prefix: '' }),
}

const redis: Backend = {
  name: 'redis',
  async make(prefix = `test-${process.pid}-${randomBytes(4).toString('hex')}`) {
    const limits = createRateLimits(REDIS_URL, { keyPrefix: prefix })
    await untilRedisCounts(limits, prefix)
    return { limits, prefix }
  },
}

/**
 * Waits until the limits write to Redis itself: before its connection is up, rate-limiter-flexible
 * counts in the insurance limiter in memory, which would make a shared-limit test pass vacuously.
 */
async function untilRedisCounts(limits: RateLimits, prefix: string): Promise<void> {
  const client = new Redis(REDIS_URL)
  try {
    for (let i = 0; i < 100; i++) {
      await limits.consume({ name: 'probe', points: 1e6, durationS: 60 }, String(i))
      if ((await client.exists(`${prefix}:probe:${i}`)) === 1) return
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    throw new Error('the rate limits never reached Redis')
  } finally {
    client.disconnect()
  }
}

async function rejection(p: Promise<unknown>): Promise<HttpError> {
  try {
    await p
  } catch (error) {
    if (error instanceof HttpError) return error
    throw error
  }
  throw new Error('expected a 429')
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

for (const backend of [memory, redis]) {
  const run = backend.name === 'redis' && !redisUp ? describe.skip : describe

  run(`rate limits in ${backend.name}`, () => {
    let limits: RateLimits
    beforeAll(async () => {
      limits = (await backend.make()).limits
    })
    afterAll(async () => {
      await limits.close()
    })

    it('allows a rule’s points, then answers 429 with Retry-After and the rule’s message', async () => {
      const rule = { name: 'votes', points: 3, durationS: 60 }
      for (let i = 0; i < 3; i++) await limits.consume(rule, 'ada')
      const error = await rejection(limits.consume(rule, 'ada', (wait) => `Slow down for ${wait}.`))
      expect(error.status).toBe(429)
      expect(Number(error.headers['Retry-After'])).toBeGreaterThan(0)
      expect(Number(error.headers['Retry-After'])).toBeLessThanOrEqual(60)
      expect(error.message).toMatch(/^Slow down for \d+ seconds\.$/)
      await limits.consume(rule, 'bo') // another key has its own count
    })

    it('locks out after the free failures, doubles the lock with each further one, and forgets on success', async () => {
      const rule: Lockout = { name: 'guesses', freeFailures: 2, firstLockS: 1, maxLockS: 8, memoryS: 60 }
      await limits.checkLockout(rule, 'k')
      await limits.recordFailure(rule, 'k')
      await limits.checkLockout(rule, 'k') // one failure is free
      await limits.recordFailure(rule, 'k')
      const first = await rejection(limits.checkLockout(rule, 'k'))
      expect(first.headers['Retry-After']).toBe('1')
      await sleep(1100)
      await limits.checkLockout(rule, 'k') // the lock ran out
      await limits.recordFailure(rule, 'k')
      const second = await rejection(limits.checkLockout(rule, 'k'))
      expect(second.headers['Retry-After']).toBe('2') // doubled
      await limits.clearFailures(rule, 'k')
      await limits.checkLockout(rule, 'k')
      await limits.recordFailure(rule, 'k')
      await limits.checkLockout(rule, 'k') // counting starts over
    })
  })

  describeEachDatabase(`account rate limits in ${backend.name}`, (db) => {
    if (backend.name === 'redis' && !redisUp) return
    let smtp: SmtpSink
    let limits: RateLimits
    let prefix: string
    let app: ReturnType<typeof accountApp>
    const clock = testClock()
    const who = (name: string) => `${backend.name}_${name}`

    beforeAll(async () => {
      smtp = await startSmtpSink()
      ;({ limits, prefix } = await backend.make())
      app = accountApp(db(), { mailer: smtp.mailer, clock, rateLimits: limits })
    })
    afterAll(async () => {
      await limits.close()
      await smtp.close()
    })

    const expect429 = async (res: Response, text: RegExp) => {
      expect(res.status).toBe(429)
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
      const body = textOf(await res.text())
      expect(body).toMatch(text)
      return body
    }

    it('limits sign-ups per client address', async () => {
      const b = new FormBrowser(app)
      for (let i = 0; i < 10; i++) {
        const res = await b.post('/signup', {
          username: who(`s${i}`),
          email: `${who(`s${i}`)}@lab.org`,
          password: TEST_PASSWORD,
        })
        expect(res.status).toBe(200)
      }
      const res = await b.post('/signup', {
        username: who('s10'),
        email: `${who('s10')}@lab.org`,
        password: TEST_PASSWORD,
      })
      await expect429(res, /Too many accounts were created from your network recently\. Try again in \d+ minutes\./)
      const elsewhere = await new FormBrowser(app).post('/signup', {
        username: who('s11'),
        email: `${who('s11')}@lab.org`,
        password: TEST_PASSWORD,
      })
      expect(elsewhere.status).toBe(200)
    })

    it('locks an account after five wrong passwords from anywhere, even for the right one', async () => {
      await signedInUser(db(), who('locked'))
      for (let i = 0; i < 5; i++) {
        const res = await new FormBrowser(app).post('/login', { login: who('locked'), password: 'wrong guess' })
        expect(res.status).toBe(400)
      }
      const res = await new FormBrowser(app).post('/login', { login: who('locked'), password: TEST_PASSWORD })
      const page = await expect429(res, /logging in is paused: try again in \d+ seconds/)
      expect(page).toContain('Forgot your password?') // the log-in page itself, with its way out
    })

    it('locks an unknown name just like a known one (no account discovery)', async () => {
      for (let i = 0; i < 5; i++)
        await new FormBrowser(app).post('/login', { login: who('nobody'), password: 'wrong guess' })
      const res = await new FormBrowser(app).post('/login', { login: who('nobody'), password: 'wrong guess' })
      await expect429(res, /logging in is paused/)
    })

    it('forgets an account’s failures when it logs in', async () => {
      await signedInUser(db(), who('forgetful'))
      for (let round = 0; round < 2; round++) {
        for (let i = 0; i < 4; i++)
          await new FormBrowser(app).post('/login', { login: who('forgetful'), password: 'typo' })
        const res = await new FormBrowser(app).post('/login', { login: who('forgetful'), password: TEST_PASSWORD })
        expect(res.status).toBe(303)
      }
    })

    it('locks a client address after many wrong passwords for any accounts', async () => {
      await signedInUser(db(), who('victim'))
      const attacker = new FormBrowser(app)
      for (let i = 0; i < 20; i++) await attacker.post('/login', { login: who(`guess${i}`), password: 'wrong guess' })
      const res = await attacker.post('/login', { login: who('victim'), password: TEST_PASSWORD })
      await expect429(res, /Too many attempts from your network/)
    })

    it('limits reset emails per address and per client address', async () => {
      await signedInUser(db(), who('resetter'))
      const email = `${who('resetter')}@lab.example.org`
      for (let i = 0; i < 3; i++)
        expect((await new FormBrowser(app).post('/account/reset', { email })).status).toBe(200)
      await expect429(await new FormBrowser(app).post('/account/reset', { email }), /Too many reset emails/)
      expect(smtp.messagesTo(email).length).toBeLessThanOrEqual(3)

      const b = new FormBrowser(app)
      for (let i = 0; i < 10; i++) await b.post('/account/reset', { email: `${who(`r${i}`)}@lab.org` })
      await expect429(await b.post('/account/reset', { email: `${who('r10')}@lab.org` }), /Too many reset emails/)
    })

    it('limits the verification emails an account asks for', async () => {
      const reader = await signedInUser(db(), who('unverified'), { verified: false })
      const b = new FormBrowser(app)
      b.cookies.set(...(reader.cookie.split('=') as [string, string]))
      for (let i = 0; i < 5; i++) expect((await b.post('/settings/verification', {})).status).toBe(303)
      await expect429(await b.post('/settings/verification', {}), /Too many attempts/)
    })

    it('locks the second-factor step of an account after five wrong codes', async () => {
      const reader = await signedInUser(db(), who('coded'))
      const secret = newTotpSecret()
      await startTwoFactor(db(), reader.user.id, secret, new Date().toISOString())
      await enableTwoFactor(db(), reader.user.id, newRecoveryCodes(), new Date().toISOString())
      let last: Response | undefined
      for (let i = 0; i < 6; i++) {
        const b = new FormBrowser(app)
        expect((await b.post('/login', { login: who('coded'), password: TEST_PASSWORD })).status).toBe(303)
        last = await b.post('/login/two-factor', { code: '000000' })
      }
      await expect429(last!, /logging in is paused/)
    })

    if (backend.name === 'redis') {
      it('enforces one limit across two instances that share Redis', async () => {
        const second = await redis.make(prefix)
        const other = accountApp(db(), { mailer: smtp.mailer, clock, rateLimits: second.limits })
        try {
          const ip = '203.0.113.77'
          const browsers = [new FormBrowser(app, ip), new FormBrowser(other, ip)]
          for (let i = 0; i < 10; i++) {
            const name = who(`shared${i}`)
            const res = await browsers[i % 2]!.post('/signup', {
              username: name,
              email: `${name}@lab.org`,
              password: TEST_PASSWORD,
            })
            expect(res.status).toBe(200)
          }
          for (const b of browsers) {
            const name = who(`shared-extra-${b === browsers[0] ? 'a' : 'b'}`)
            await expect429(
              await b.post('/signup', { username: name, email: `${name}@lab.org`, password: TEST_PASSWORD }),
              /Too many accounts/,
            )
          }
        } finally {
          await second.limits.close()
        }
      })
    }
  })
}
