import type { Kysely } from 'kysely'
import { adjustActivity } from '../../papers/activity.js'
import type { Paper } from '../../papers/model.js'
import { getPapers, noteCatalogWrite } from '../../papers/store.js'
import type { Db } from '../../platform/db/connect.js'
import { groupCommit } from '../../platform/db/group-commit.js'
import { preparedQuery } from '../../platform/db/prepared.js'
import type { Database } from '../../platform/db/schema.js'
import { HttpError } from '../../platform/http/http-error.js'
import type { VoteTables } from './schema.js'

const tables = (db: Db) => db.kysely.withTables<VoteTables>()

/** What a voter sees after voting: the paper's shown count and whether they now vote for it. */
export interface VoteState {
  upvotes: number
  voted: boolean
}

/**
 * Sets `userId`'s vote on a paper to `up` (a vote) or not (none). Setting what is already so
 * changes nothing, so a double submit or a retried request counts once. The vote row and the
 * count change in one transaction: a vote is counted exactly when its row exists. On SQLite the
 * votes of one turn of the event loop commit together (platform/db/group-commit.ts).
 */
export async function setVote(db: Db, userId: number, paperId: string, up: boolean, now: string): Promise<VoteState> {
  let commit = committers.get(db)
  if (!commit) committers.set(db, (commit = groupCommit(db, applyVote)))
  const outcome = await commit({ userId, paperId, up, now })
  if (!outcome) throw new HttpError(404, `There is no paper ${paperId} here to vote for.`)
  // Again after the commit: a page rendered between adjustActivity's note and the commit showed
  // the old count under the new version (papers/store.ts, catalogVersion).
  if (outcome.changed) noteCatalogWrite()
  return { upvotes: outcome.upvotes, voted: up }
}

interface Vote {
  userId: number
  paperId: string
  up: boolean
  now: string
}

const committers = new WeakMap<Db, (vote: Vote) => Promise<{ upvotes: number; changed: boolean } | null>>()

/** A vote's statements in the caller's transaction; null (and nothing changed) for an unknown paper. */
async function applyVote(trx: Kysely<Database>, vote: Vote): Promise<{ upvotes: number; changed: boolean } | null> {
  const result = await (vote.up ? insertVote : deleteVote)(trx, vote)
  const changed = Number(result.numAffectedRows ?? 0n) > 0
  const counts = changed
    ? await adjustActivity(trx, vote.paperId, { votes: vote.up ? 1 : -1 }, vote.now)
    : (await shownUpvotes(trx, vote)).rows[0]
  return counts ? { upvotes: counts.upvotes, changed } : null
}

// The vote's statements, prepared (platform/db/prepared.ts): a vote is the busiest write there is.
// The vote is inserted only if the paper exists, in the one statement.
const insertVote = preparedQuery((db, p: Vote) =>
  db
    .withTables<VoteTables>()
    .insertInto('votes')
    .columns(['user_id', 'paper_id', 'created_at'])
    .expression((eb) =>
      eb
        .selectFrom('papers')
        .select([eb.val(p.userId).as('user_id'), 'papers.id', eb.val(p.now).as('created_at')])
        .where('papers.id', '=', p.paperId),
    )
    .onConflict((oc) => oc.columns(['user_id', 'paper_id']).doNothing()),
)

const deleteVote = preparedQuery((db, p: Vote) =>
  db.withTables<VoteTables>().deleteFrom('votes').where('user_id', '=', p.userId).where('paper_id', '=', p.paperId),
)

const shownUpvotes = preparedQuery((db, p: Vote) =>
  db.selectFrom('papers').select('upvotes').where('id', '=', p.paperId),
)

/**
 * Takes back every vote of a reader (their account is deleted, or banned for vote abuse), each
 * paper's count with it, in one transaction. Returns how many votes went.
 */
export async function removeVotesOf(db: Db, userId: number, now: string): Promise<number> {
  const removed = await db.kysely.transaction().execute(async (trx) => {
    const rows = await trx
      .withTables<VoteTables>()
      .deleteFrom('votes')
      .where('user_id', '=', userId)
      .returning('paper_id')
      .execute()
    for (const { paper_id } of rows) await adjustActivity(trx, paper_id, { votes: -1 }, now)
    return rows.length
  })
  if (removed > 0) noteCatalogWrite()
  return removed
}

/** Which of `paperIds` the reader has voted for: what the listing cards show as pressed. */
export async function votedPaperIds(db: Db, userId: number, paperIds: readonly string[]): Promise<Set<string>> {
  if (paperIds.length === 0) return new Set()
  const rows = await tables(db)
    .selectFrom('votes')
    .select('paper_id')
    .where('user_id', '=', userId)
    .where('paper_id', 'in', [...paperIds])
    .execute()
  return new Set(rows.map((r) => r.paper_id))
}

export interface VotedPaper {
  paper: Paper
  votedAt: string
}

/** The papers a reader voted for, most recent vote first (their profile's list). */
export async function votedPapers(
  db: Db,
  userId: number,
  page: { limit: number; offset: number },
): Promise<{ papers: VotedPaper[]; total: number }> {
  const [rows, count] = await Promise.all([
    tables(db)
      .selectFrom('votes')
      .select(['paper_id', 'created_at'])
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy('paper_id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    tables(db)
      .selectFrom('votes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow(),
  ])
  const papers = new Map(
    (
      await getPapers(
        db,
        rows.map((r) => r.paper_id),
      )
    ).map((p) => [p.id, p]),
  )
  return {
    papers: rows.flatMap((r) => {
      const paper = papers.get(r.paper_id)
      return paper ? [{ paper, votedAt: r.created_at }] : []
    }),
    total: Number(count.n),
  }
}
