import type { Generated } from 'kysely'

/** A reader's claim to be an author entry of a paper (its position in the author list). */
export interface AuthorClaimsTable {
  id: Generated<number>
  paper_id: string
  author_position: number
  /** The name at that position when claimed; the claim holds only while the name is still there. */
  author_name: string
  user_id: number
  status: 'pending' | 'approved' | 'rejected'
  created_at: string
  decided_at: string | null
  decided_by: number | null
}

export type ClaimTables = { author_claims: AuthorClaimsTable }
