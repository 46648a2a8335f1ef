import type { Db } from '../platform/db/connect.js'
import type { ImageInfo } from './image-type.js'
import type { PreviewTables } from './schema.js'

/** Enough for a month of Daily Papers' cards plus the site's, at about 40 kB each (≈ 80 MB). */
export const MAX_STORED_CARDS = 2000
const PRUNE_SLACK = 100 // prune in batches, not on every insert once full
export const MAX_THUMBNAIL_ATTEMPTS = 5 // a thumbnail that failed this often is given up on
const RETRY_FAILED_AFTER_MS = 6 * 3_600_000 // a CDN hiccup or an offline hour passes within this

const tables = (db: Db) => db.kysely.withTables<PreviewTables>()

export interface StoredThumbnail extends ImageInfo {
  key: string
  body: Buffer
  etag: string
}

export async function findThumbnail(db: Db, key: string): Promise<StoredThumbnail | null> {
  const row = await tables(db)
    .selectFrom('thumbnails')
    .selectAll()
    .where('key', '=', key)
    .where('status', '=', 'stored')
    .executeTakeFirst()
  if (!row?.body || !row.content_type || !row.etag) return null
  const type = row.content_type as ImageInfo['type'] // written only from sniffImage's result
  return {
    key,
    body: Buffer.from(row.body),
    etag: row.etag,
    type,
    width: row.width ?? 0,
    height: row.height ?? 0,
  }
}

/** The size and type of a stored thumbnail, without its bytes: what a page's meta tags need. */
export async function thumbnailInfo(db: Db, key: string): Promise<ImageInfo | null> {
  const row = await tables(db)
    .selectFrom('thumbnails')
    .select(['content_type', 'width', 'height'])
    .where('key', '=', key)
    .where('status', '=', 'stored')
    .executeTakeFirst()
  if (!row?.content_type || !row.width || !row.height) return null
  return { type: row.content_type as ImageInfo['type'], width: row.width, height: row.height }
}

/**
 * Thumbnail URLs of papers not stored yet, latest added to the catalog first: never fetched, or failed fewer
 * than MAX_THUMBNAIL_ATTEMPTS times and not within RETRY_FAILED_AFTER_MS. (This one query reads
 * the papers table: the join keeps a large catalog's scan inside the database.)
 */
export async function listPendingThumbnails(db: Db, limit: number, now = Date.now()): Promise<string[]> {
  const retryBefore = new Date(now - RETRY_FAILED_AFTER_MS).toISOString()
  const rows = await tables(db)
    .selectFrom('papers')
    .select('papers.thumbnail')
    .where('papers.thumbnail', 'is not', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('thumbnails')
            .select('thumbnails.key')
            .whereRef('thumbnails.url', '=', 'papers.thumbnail')
            .where((eb) =>
              eb.or([
                eb('thumbnails.status', '=', 'stored'),
                eb('thumbnails.attempts', '>=', MAX_THUMBNAIL_ATTEMPTS),
                eb.and([eb('thumbnails.status', '=', 'failed'), eb('thumbnails.fetched_at', '>', retryBefore)]),
              ]),
            ),
        ),
      ),
    )
    .groupBy('papers.thumbnail')
    .orderBy((eb) => eb.fn.max('papers.created_at'), 'desc')
    .limit(limit)
    .execute()
  return rows.map((r) => r.thumbnail!)
}

export async function saveThumbnail(db: Db, t: StoredThumbnail & { url: string }): Promise<void> {
  const values = {
    status: 'stored',
    content_type: t.type,
    body: t.body,
    width: t.width,
    height: t.height,
    etag: t.etag,
    error: null,
    fetched_at: new Date().toISOString(),
  }
  await tables(db)
    .insertInto('thumbnails')
    .values({ key: t.key, url: t.url, attempts: 1, ...values })
    .onConflict((oc) => oc.column('key').doUpdateSet(values))
    .execute()
}

/** Records a failed fetch; a thumbnail stored before keeps its bytes (its source may be down for a while). */
export async function recordThumbnailFailure(db: Db, key: string, url: string, error: string): Promise<void> {
  const at = new Date().toISOString()
  await tables(db)
    .insertInto('thumbnails')
    .values({ key, url, status: 'failed', attempts: 1, error, fetched_at: at })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet((eb) => ({
          attempts: eb('thumbnails.attempts', '+', 1),
          error,
          fetched_at: at,
        }))
        .where('thumbnails.status', '=', 'failed'),
    )
    .execute()
}

export interface StoredCard {
  fingerprint: string
  png: Buffer
}

export async function findCard(db: Db, key: string): Promise<StoredCard | null> {
  const row = await tables(db)
    .selectFrom('preview_cards')
    .select(['fingerprint', 'png'])
    .where('key', '=', key)
    .executeTakeFirst()
  return row ? { fingerprint: row.fingerprint, png: Buffer.from(row.png) } : null
}

/** Stores a card, replacing the one it outdates; past MAX_STORED_CARDS, the oldest go. */
export async function saveCard(db: Db, key: string, card: StoredCard): Promise<void> {
  const values = {
    fingerprint: card.fingerprint,
    png: card.png,
    created_at: new Date().toISOString(),
  }
  await tables(db)
    .insertInto('preview_cards')
    .values({ key, ...values })
    .onConflict((oc) => oc.column('key').doUpdateSet(values))
    .execute()
  const { count } = await tables(db)
    .selectFrom('preview_cards')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow()
  if (Number(count) <= MAX_STORED_CARDS + PRUNE_SLACK) return
  const keep = tables(db)
    .selectFrom('preview_cards')
    .select('key')
    .orderBy('created_at', 'desc')
    .limit(MAX_STORED_CARDS)
  await tables(db).deleteFrom('preview_cards').where('key', 'not in', keep).execute()
}
