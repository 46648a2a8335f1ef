import type { Db } from '../platform/db/connect.js'
import { UsageError } from '../platform/usage-error.js'
import { createThumbnailClient, fetchThumbnails, THUMBNAILS_PER_RUN } from './fetch-thumbnails.js'

const MAX_FAILURES_SHOWN = 20

/** The value of `--limit`: how many thumbnails one run may fetch. */
export function parseThumbnailLimit(flag: string | undefined): number {
  if (flag === undefined) return THUMBNAILS_PER_RUN
  const limit = Number(flag)
  if (!Number.isInteger(limit) || limit < 1)
    throw new UsageError(`--limit must be a whole number above 0, not "${flag}"`)
  return limit
}

/**
 * `paperboy thumbnails fetch`: copies pending thumbnails now and reports each failure. Fails (exit
 * status 1) only when there was work and none of it succeeded, as when the machine is offline.
 */
export async function fetchThumbnailsCommand(db: Db, limit: number): Promise<void> {
  const run = await fetchThumbnails(db, createThumbnailClient(), { limit })
  for (const { url, reason } of run.failed.slice(0, MAX_FAILURES_SHOWN)) process.stderr.write(`${url}: ${reason}\n`)
  if (run.failed.length > MAX_FAILURES_SHOWN)
    process.stderr.write(`… and ${run.failed.length - MAX_FAILURES_SHOWN} more\n`)
  console.log(`Thumbnails: ${run.stored} stored, ${run.failed.length} failed`)
  if (run.stored === 0 && run.failed.length > 0) process.exitCode = 1
}
