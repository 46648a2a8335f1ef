import type { Paper } from '../../papers/model.js'
import type { Db } from '../../platform/db/connect.js'
import { findUsersByIds, type User } from '../accounts/store.js'
import { claimedPositions } from './match.js'
import { approvedClaimsOf } from './store.js'

/** A member who is an approved author, and since when. */
export interface ClaimedAuthor {
  user: User
  claimedAt: string
}

/** The members who are approved authors of each paper: paper id → author position → member. */
export type ClaimedAuthors = Map<string, Map<number, ClaimedAuthor>>

export async function claimedAuthorsOf(db: Db, papers: readonly Paper[]): Promise<ClaimedAuthors> {
  const claims = await approvedClaimsOf(
    db,
    papers.map((p) => p.id),
  )
  if (claims.size === 0) return new Map()
  const users = await findUsersByIds(
    db,
    [...claims.values()].flat().map((c) => c.userId),
  )
  const out: ClaimedAuthors = new Map()
  for (const paper of papers) {
    const held = claimedPositions(paper.authors, claims.get(paper.id) ?? [])
    const members = new Map<number, ClaimedAuthor>()
    for (const [position, claim] of held) {
      const user = users.get(claim.userId)
      if (user) members.set(position, { user, claimedAt: claim.decidedAt }) // a deleted account's claim links nowhere
    }
    if (members.size > 0) out.set(paper.id, members)
  }
  return out
}
