import { expect } from 'vitest'
import { PoliteClient, type PoliteClientOptions } from '../../src/ingest/polite-client.js'
import type { IngestTables } from '../../src/ingest/schema.js'
import type { Db } from '../../src/platform/db/connect.js'
import { SHARED } from './env.js'
import type { Logged } from './fault-server.js'

/** What the ingest tests share: recordings, a quick polite client, and reading the catalog back. */

/** A recorded response in ../shared/data, read in place. */
export const recording = (path: string): string => `${SHARED}data/${path}`

/** Small enough to keep the suite quick, large enough to measure between requests. */
export const MIN_INTERVAL_MS = 100

export function politeClient(overrides: Partial<PoliteClientOptions> = {}): PoliteClient {
  return new PoliteClient({
    minIntervalMs: MIN_INTERVAL_MS,
    timeoutMs: 2000,
    maxRetries: 2,
    backoffBaseMs: 20,
    maxRetryAfterMs: 5000,
    userAgent: 'paperboy-test',
    ...overrides,
  })
}

/** Milliseconds between the arrivals of consecutive requests at the server. */
export function gapsBetween(requests: Logged[]): number[] {
  return requests.slice(1).map((r, i) => r.at - requests[i]!.at)
}

/** Every gap between requests at the server is at least the politeness delay. */
export function expectPoliteGaps(requests: Logged[], minIntervalMs = MIN_INTERVAL_MS): void {
  expect(requests.length).toBeGreaterThan(1)
  // Timers and Date.now() round to the millisecond, so allow that one millisecond and no more.
  for (const gap of gapsBetween(requests)) expect(gap).toBeGreaterThanOrEqual(minIntervalMs - 1)
}

/** Deletes every paper, run, position and lease, so each test starts from an empty catalog. */
export async function emptyCatalog(db: Db): Promise<void> {
  for (const table of [
    'paper_versions',
    'featured',
    'paper_authors',
    'papers',
    'ingest_runs',
    'ingest_cursors',
    'leases',
  ] as const) {
    await db.kysely.withTables<IngestTables>().deleteFrom(table).execute()
  }
}

/** The ids in the catalog, sorted. */
export async function catalogIds(db: Db): Promise<string[]> {
  const rows = await db.kysely.selectFrom('papers').select('id').orderBy('id').execute()
  return rows.map((r) => r.id)
}

export async function featuredRows(db: Db): Promise<{ paper_id: string; featured_on: string; source: string }[]> {
  return db.kysely
    .selectFrom('featured')
    .select(['paper_id', 'featured_on', 'source'])
    .orderBy('paper_id')
    .orderBy('featured_on')
    .execute()
}

export async function versionRows(
  db: Db,
  id: string,
): Promise<{ version: number; created_at: string | null; title: string | null }[]> {
  return db.kysely
    .selectFrom('paper_versions')
    .select(['version', 'created_at', 'title'])
    .where('paper_id', '=', id)
    .orderBy('version')
    .execute()
}
