import { createHash } from 'node:crypto'
import { FetchFailed, type PoliteClient } from '../ingest/polite-client.js'
import { createPoliteClient } from '../ingest/registry.js'
import type { Db } from '../platform/db/connect.js'
import { sniffImage } from './image-type.js'
import { thumbnailKey } from './paths.js'
import { listPendingThumbnails, recordThumbnailFailure, saveThumbnail } from './store.js'

/** Hugging Face's thumbnails are 100–400 kB; anything past this is not a thumbnail. */
export const MAX_THUMBNAIL_BYTES = 2 * 1024 * 1024
/** At one a second, a run takes under four minutes and catches up on a day's papers many times over. */
export const THUMBNAILS_PER_RUN = 200

// Thumbnails come from one CDN host, which publishes no limit: one request a second is gentle.
const THUMBNAIL_DELAY_MS = 1000

/** The client for thumbnails: its own queue, so image fetching never delays an ingest. */
export function createThumbnailClient(): PoliteClient {
  return createPoliteClient(THUMBNAIL_DELAY_MS)
}

export interface ThumbnailRun {
  stored: number
  failed: { url: string; reason: string }[]
}

/**
 * Copies up to `limit` thumbnails not yet stored, one at a time through `client` (which spaces
 * its requests). Each URL is fetched once; a failure is recorded with its reason and retried on a
 * later run, and never stops the rest.
 */
export async function fetchThumbnails(
  db: Db,
  client: PoliteClient,
  { limit = THUMBNAILS_PER_RUN, signal }: { limit?: number; signal?: AbortSignal } = {},
): Promise<ThumbnailRun> {
  const run: ThumbnailRun = { stored: 0, failed: [] }
  for (const url of await listPendingThumbnails(db, limit)) {
    signal?.throwIfAborted()
    const key = thumbnailKey(url)
    const reason = await fetchOne(db, client, key, url, signal)
    if (reason === null) {
      run.stored++
      continue
    }
    run.failed.push({ url, reason })
    await recordThumbnailFailure(db, key, url, reason)
  }
  return run
}

/** Fetches and stores one thumbnail; returns why not, or null once stored. */
async function fetchOne(
  db: Db,
  client: PoliteClient,
  key: string,
  url: string,
  signal?: AbortSignal,
): Promise<string | null> {
  if (!/^https?:\/\//i.test(url)) return 'not an http(s) URL'
  let fetched
  try {
    fetched = await client.getBytes(url, MAX_THUMBNAIL_BYTES, signal)
  } catch (error) {
    signal?.throwIfAborted()
    if (error instanceof FetchFailed) return error.message
    throw error
  }
  if (fetched.status !== 200) return `HTTP ${fetched.status}`
  if (!fetched.contentType.startsWith('image/')) return `not an image (${fetched.contentType || 'no Content-Type'})`
  const image = sniffImage(fetched.bytes)
  if (!image) return `not a PNG, JPEG, GIF or WebP image (labelled ${fetched.contentType})`
  const etag = createHash('sha256').update(fetched.bytes).digest('hex').slice(0, 32)
  await saveThumbnail(db, { key, url, body: fetched.bytes, etag, ...image })
  return null
}
