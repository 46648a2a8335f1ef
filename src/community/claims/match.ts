import type { Author } from '../../papers/model.js'

/** An approved claim as stored: the author entry's position and the name it had then. */
export interface ApprovedClaim {
  position: number
  authorName: string
  userId: number
  /** When an admin approved it (Hugging Face's `statusLastChangedAt`). */
  decidedAt: string
}

/**
 * Which author entries (by position in the full author list) the approved claims hold. A claim
 * holds where the entry still carries the claimed name; when a re-ingest moved the name, it
 * follows the name to its one new place; when the name is gone or now appears twice, it holds
 * nowhere rather than on someone else.
 */
export function claimedPositions(
  authors: readonly Author[],
  claims: readonly ApprovedClaim[],
): Map<number, ApprovedClaim> {
  const held = new Map<number, ApprovedClaim>()
  for (const claim of claims) {
    if (authors[claim.position]?.name === claim.authorName) {
      held.set(claim.position, claim)
      continue
    }
    const moved = authors.flatMap((a, i) => (a.name === claim.authorName ? [i] : []))
    if (moved.length === 1 && !held.has(moved[0]!)) held.set(moved[0]!, claim)
  }
  return held
}
