import type { Db } from '../../platform/db/connect.js'
import type { Paper } from '../../papers/model.js'
import { getPapers } from '../../papers/store.js'
import type { ApprovedClaim } from './match.js'
import type { AuthorClaimsTable, ClaimTables } from './schema.js'

const tables = (db: Db) => db.kysely.withTables<ClaimTables>()

export type ClaimStatus = AuthorClaimsTable['status']

export interface Claim {
  id: number
  paperId: string
  position: number
  authorName: string
  userId: number
  status: ClaimStatus
  createdAt: string
}

const COLUMNS = ['id', 'paper_id', 'author_position', 'author_name', 'user_id', 'status', 'created_at'] as const
type ClaimRow = Pick<
  AuthorClaimsTable,
  'paper_id' | 'author_position' | 'author_name' | 'user_id' | 'status' | 'created_at'
> & {
  id: number
}
const toClaim = (r: ClaimRow): Claim => ({
  id: r.id,
  paperId: r.paper_id,
  position: r.author_position,
  authorName: r.author_name,
  userId: r.user_id,
  status: r.status,
  createdAt: r.created_at,
})

export type FileResult = { filed: Claim } | { refused: 'already-claimed' | 'taken' }

/**
 * Files a reader's claim to an author entry, pending an admin. Refused when they claimed that
 * entry before (whatever came of it) or another entry of the paper (unless that was rejected), or
 * someone's claim to it is approved already.
 */
export async function fileClaim(
  db: Db,
  claim: { paperId: string; position: number; authorName: string; userId: number },
  now: string,
): Promise<FileResult> {
  return tables(db)
    .transaction()
    .execute(async (trx) => {
      const existing = await trx
        .selectFrom('author_claims')
        .select(['user_id', 'author_position', 'status'])
        .where('paper_id', '=', claim.paperId)
        .where((eb) => eb.or([eb('user_id', '=', claim.userId), eb('author_position', '=', claim.position)]))
        .execute()
      const mine = existing.filter((r) => r.user_id === claim.userId)
      // One entry per reader per paper; a rejected claim to another entry (a wrong pick) does not count.
      if (mine.some((r) => r.author_position === claim.position || r.status !== 'rejected'))
        return { refused: 'already-claimed' as const }
      if (existing.some((r) => r.author_position === claim.position && r.status === 'approved'))
        return { refused: 'taken' as const }
      const row = await trx
        .insertInto('author_claims')
        .values({
          paper_id: claim.paperId,
          author_position: claim.position,
          author_name: claim.authorName,
          user_id: claim.userId,
          status: 'pending',
          created_at: now,
          decided_at: null,
          decided_by: null,
        })
        // Two submits at once: the unique key keeps one, and the second reads as "already claimed".
        .onConflict((oc) => oc.columns(['paper_id', 'author_position', 'user_id']).doNothing())
        .returning(COLUMNS)
        .executeTakeFirst()
      return row ? { filed: toClaim(row) } : { refused: 'already-claimed' as const }
    })
}

/** The claims waiting for an admin, oldest first (first come, first decided). */
export async function listPendingClaims(db: Db, page: { limit: number; offset: number }): Promise<Claim[]> {
  const rows = await tables(db)
    .selectFrom('author_claims')
    .select(COLUMNS)
    .where('status', '=', 'pending')
    .orderBy('created_at')
    .orderBy('id')
    .limit(page.limit)
    .offset(page.offset)
    .execute()
  return rows.map(toClaim)
}

export async function countPendingClaims(db: Db): Promise<number> {
  const row = await tables(db)
    .selectFrom('author_claims')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export type Decision = 'approved' | 'rejected'
export type DecideResult = { decided: Claim } | { refused: 'not-pending' | 'taken' }

/**
 * Approves or rejects a pending claim. An approval is refused when the entry already has an
 * approved claim: the partial unique index decides, even between two admins at once.
 */
export async function decideClaim(
  db: Db,
  claimId: number,
  decision: Decision,
  adminId: number,
  now: string,
): Promise<DecideResult> {
  try {
    const row = await tables(db)
      .updateTable('author_claims')
      .set({ status: decision, decided_at: now, decided_by: adminId })
      .where('id', '=', claimId)
      .where('status', '=', 'pending')
      .returning(COLUMNS)
      .executeTakeFirst()
    return row ? { decided: toClaim(row) } : { refused: 'not-pending' }
  } catch (error) {
    const code = (error as { code?: string }).code
    if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE') return { refused: 'taken' }
    throw error
  }
}

/** A reader's claims on one paper (to show "pending" beside the claim form). */
export async function claimsOn(db: Db, paperId: string, userId: number): Promise<Claim[]> {
  const rows = await tables(db)
    .selectFrom('author_claims')
    .select(COLUMNS)
    .where('paper_id', '=', paperId)
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute()
  return rows.map(toClaim)
}

/** The approved claims of each paper, for linking author names (claimedPositions decides where). */
export async function approvedClaimsOf(db: Db, paperIds: readonly string[]): Promise<Map<string, ApprovedClaim[]>> {
  const byPaper = new Map<string, ApprovedClaim[]>()
  if (paperIds.length === 0) return byPaper
  const rows = await tables(db)
    .selectFrom('author_claims')
    .select(['paper_id', 'author_position', 'author_name', 'user_id', 'decided_at', 'created_at'])
    .where('paper_id', 'in', [...new Set(paperIds)])
    .where('status', '=', 'approved')
    .execute()
  for (const r of rows) {
    const list = byPaper.get(r.paper_id) ?? []
    list.push({
      position: r.author_position,
      authorName: r.author_name,
      userId: r.user_id,
      decidedAt: r.decided_at ?? r.created_at,
    })
    byPaper.set(r.paper_id, list)
  }
  return byPaper
}

/** The papers a member is an approved author of, most recently approved first (their profile lists them). */
export async function claimedPapers(db: Db, userId: number): Promise<Paper[]> {
  const rows = await tables(db)
    .selectFrom('author_claims')
    .select('paper_id')
    .where('user_id', '=', userId)
    .where('status', '=', 'approved')
    .orderBy('decided_at', 'desc')
    .orderBy('id', 'desc')
    .execute()
  return getPapers(db, [...new Set(rows.map((r) => r.paper_id))])
}
