import { Hono } from 'hono'
import { sql } from 'kysely'
import type { Db } from '../db/connect.js'

// A load balancer gives up on a probe after a few seconds; answer before it does, so a database
// that hangs reads as "not ready" rather than as a probe timeout.
const READY_TIMEOUT_MS = 2000

// Probes come every few seconds; this only tells anything else that reads the answer when to ask again.
const RETRY_AFTER_S = 5
const NOT_CACHED = { 'Cache-Control': 'no-store' }

export const HEALTH_PATHS = ['/healthz', '/readyz']

/**
 * `/healthz`: the process is alive and serving (a liveness probe: restart me if this fails).
 * `/readyz`: the database answers and every migration is applied (a readiness probe: send me
 * traffic). Neither is cached, and neither says why in more than a word: probes are public.
 */
export function healthRoutes(db: Db, pendingMigrations: () => Promise<string[]>): Hono {
  const app = new Hono()
  app.get('/healthz', (c) => c.json({ status: 'ok' }, 200, NOT_CACHED))
  app.get('/readyz', async (c) => {
    const problem = await withTimeout(findUnreadiness(db, pendingMigrations), READY_TIMEOUT_MS, 'database timeout')
    if (!problem) return c.json({ status: 'ok' }, 200, NOT_CACHED)
    return c.json({ status: 'unavailable', reason: problem }, 503, {
      ...NOT_CACHED,
      'Retry-After': String(RETRY_AFTER_S),
    })
  })
  return app
}

async function findUnreadiness(db: Db, pendingMigrations: () => Promise<string[]>): Promise<string | null> {
  try {
    await sql`select 1`.execute(db.kysely)
  } catch {
    return 'database unreachable'
  }
  try {
    return (await pendingMigrations()).length > 0 ? 'migrations pending' : null
  } catch {
    return 'database unreachable'
  }
}

function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(onTimeout), ms)
  })
  return Promise.race([work, late]).finally(() => clearTimeout(timer))
}
