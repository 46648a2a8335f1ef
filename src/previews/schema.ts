/** A paper thumbnail copied from its source URL: 'stored' with its bytes, or 'failed' with why. */
export interface ThumbnailsTable {
  key: string
  url: string
  status: string
  content_type: string | null
  body: Buffer | null
  width: number | null
  height: number | null
  etag: string | null
  attempts: number
  error: string | null
  fetched_at: string
}

/** A generated preview card, valid while its fingerprint matches what it shows. */
export interface PreviewCardsTable {
  key: string
  fingerprint: string
  png: Buffer
  created_at: string
}

export type PreviewTables = {
  thumbnails: ThumbnailsTable
  preview_cards: PreviewCardsTable
}
