import type { AlertCadence, FollowKind } from './schema.js'

/** A paper as an alert carries it to every channel (email, webhooks). */
export interface AlertPaper {
  id: string
  title: string
  authors: string[]
  /** The AI summary when the paper has one, else the abstract's first sentences (plain text). */
  summary: string
  /** Absolute URLs. */
  url: string
  arxivUrl: string
  /** Set when the alert is about a change to a paper already known: a new arXiv version, or a withdrawal. */
  change?: { kind: 'new-version'; version: number } | { kind: 'withdrawn' }
  /** Why this paper matched the follow, in words ("author Yann LeCun, with co-author …", "terms: diffusion"). */
  why: string
}

/** New papers for one follow, ready to send: produced by the alert matcher, delivered by email and webhooks. */
export interface Alert {
  followId: number
  userId: number
  kind: FollowKind
  /** The follow's label ("cs.LG", "Yann LeCun", "diffusion transformers"). */
  label: string
  cadence: Exclude<AlertCadence, 'off'>
  /** Absolute URL of the follow's page (what "view all" links to). */
  followUrl: string
  /** A stable key of this batch (`instant:<run>`, `daily:2026-12-03`), so a batch is enqueued once per channel. */
  batch: string
  papers: AlertPaper[]
}
