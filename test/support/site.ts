import { serve } from '@hono/node-server'
import pino from 'pino'
import { type Browser, type BrowserContext, chromium } from 'playwright-core'
import { type AppDeps, createApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { loadDemoIfEmpty } from '../../src/papers/demo/demo-set.js'
import { importHfDaily } from '../../src/papers/huggingface/import.js'
import type { Db } from '../../src/platform/db/connect.js'
import { CHROMIUM_PATH, HF_DAILY_DIR } from './env.js'

/** Chromium's flags for a machine without network or display (no updates, sync or QUIC probes). */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export interface RunningSite {
  url: string
  close(): Promise<void>
}

/**
 * Fills `db` the way a real install looks after following the README: the demo set featured
 * `today` (it only loads into an empty catalog), then every recorded Hugging Face day, which moves
 * the demo aside.
 */
export async function seedCatalog(db: Db, today = new Date().toISOString().slice(0, 10)): Promise<void> {
  await loadDemoIfEmpty(db, today, `${today}T08:00:00.000Z`)
  await importHfDaily(db, HF_DAILY_DIR)
}

/** The admin token startSite's app is configured with. */
export const SITE_ADMIN_TOKEN = 'the-test-site-admin-token-0123456789'

/**
 * The real app over a real socket on a free port, as `paperboy serve` runs it, on `now`'s clock;
 * `deps` swaps in a test's mailer (test/support/smtp.ts) or rate-limit counters.
 */
export async function startSite(
  db: Db,
  now?: () => number,
  deps: Pick<AppDeps, 'mailer' | 'rateLimits'> = {},
): Promise<RunningSite> {
  let fetch: (req: Request) => Response | Promise<Response> = () => new Response('starting', { status: 503 })
  let server: ReturnType<typeof serve> | undefined
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch: (req) => fetch(req), port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port))
  })
  const url = `http://127.0.0.1:${port}`
  const config = loadConfig({ BASE_URL: url, LOG_LEVEL: 'silent', ADMIN_TOKEN: SITE_ADMIN_TOKEN })
  fetch = createApp({ config, db, logger: pino({ level: 'silent' }), now, ...deps }).fetch
  return { url, close: () => new Promise((resolve) => server!.close(() => resolve())) }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
}

/**
 * Fails every request that is not for the site under test: the machine is offline, and a request
 * elsewhere should fail at once, as an unreachable host would, not hang. Returns the URLs it
 * refused, so a test can assert that pages ask no third party for anything.
 */
export async function blockOtherHosts(context: BrowserContext, siteUrl: string): Promise<string[]> {
  const origin = new URL(siteUrl).origin
  const refused: string[] = []
  await context.route(
    (url) => url.origin !== origin,
    (route) => {
      refused.push(route.request().url())
      return route.abort('internetdisconnected')
    },
  )
  return refused
}
