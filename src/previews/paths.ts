import { createHash } from 'node:crypto'

const KEY_LENGTH = 32 // hex digits of SHA-256: no two thumbnail URLs of a catalog will share one

/** A thumbnail's name in Paperboy, from its source URL: a new URL at the source is a new image. */
export function thumbnailKey(sourceUrl: string): string {
  return createHash('sha256').update(sourceUrl).digest('hex').slice(0, KEY_LENGTH)
}

/** Where Paperboy serves the copy of the thumbnail at `sourceUrl` (a placeholder until it has one). */
export function thumbnailPath(sourceUrl: string): string {
  return `/thumbnails/${thumbnailKey(sourceUrl)}`
}

export const THUMBNAIL_PATH_PATTERN = `/thumbnails/:key{[0-9a-f]{${KEY_LENGTH}}}`
