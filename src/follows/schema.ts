import type { Generated } from 'kysely'

/**
 * What a member can follow; `collected` is the member's own collected papers, whose new versions and
 * withdrawals are alerted (collected.ts), never listed among their follows.
 */
export type FollowKind = 'author' | 'category' | 'search' | 'collection' | 'collected'
/** How often a follow's new papers are sent: never (the Following page only), on ingest, or in a daily/weekly alert. */
export type AlertCadence = 'off' | 'instant' | 'daily' | 'weekly'

/**
 * One thing a member follows. `target` is its canonical form: an author's name as printed on papers, an
 * arXiv category (`cs.LG`), a search as its canonical query string (`q=…&category=…`, the search page's own
 * parameters), or a collection's id.
 */
export interface FollowsTable {
  id: Generated<number>
  user_id: number
  kind: FollowKind
  target: string
  /**
   * For an author: a JSON array of co-authors' names and categories that tell this person apart from
   * namesakes (a paper matches when it shares one of them); `[]` follows every paper under the name.
   */
  qualifiers: Generated<string>
  /** What the member sees: the name, category, query or collection title when it was followed. */
  label: string
  alert: Generated<AlertCadence>
  /** 1: alerts go by email to the member's address; webhooks are configured apart (src/webhooks/). */
  alert_email: Generated<number>
  created_at: string
  updated_at: string
}

/** When a member last pressed "mark all as seen" on the Following page; papers after it are new. */
export interface FollowingSeenTable {
  user_id: number
  seen_at: string
}

/** The private feed of a member's Following page: the token in its address is made from this generation. */
export interface FollowingFeedsTable {
  user_id: number
  generation: number
}

export type FollowTables = {
  follows: FollowsTable
  following_seen: FollowingSeenTable
  following_feeds: FollowingFeedsTable
}
