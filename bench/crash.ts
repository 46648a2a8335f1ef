// `npm run bench -- crash [--rounds 20] [--voters 50]`
// Crash safety of votes on SQLite: the real server (`paperboy serve`) is SIGKILLed in the middle of
// a vote storm, round after round on the same database file. After each kill: PRAGMA
// integrity_check says ok, every vote and comment whose 303 reached its client is stored (and
// every acknowledged withdrawal is not), and every paper's counts agree with the table.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { connect } from '../src/platform/db/connect.js'
import type { CommentTables } from '../src/community/comments/schema.js'
import type { VoteTables } from '../src/community/votes/schema.js'
import type { Figures } from './run.js'
import { countProblems, prepareVotes, startServer, type Voter, voteStorm } from './vote-storm.js'

const PAPERS = 20
/** Votes acknowledged before the kill is armed, so that every round kills a busy server. */
const ACKNOWLEDGED_BEFORE_KILL = 100

export interface RoundResult {
  acknowledged: number
  comments: number
  problems: string[]
}

/**
 * One round: serve `databaseUrl`, storm it, SIGKILL the server after a random moment, then check
 * the file. `known` carries each (reader, paper)'s last acknowledged vote from round to round.
 */
export async function crashRound(
  databaseUrl: string,
  voters: Voter[],
  paperIds: string[],
  known: Map<string, { up: boolean; pending: boolean }>,
  knownComments: Set<string> = new Set(),
): Promise<RoundResult> {
  const server = await startServer(databaseUrl)
  const control = { stopped: false, acknowledged: 0, comments: 0 }
  const storm = voteStorm(server.url, voters, paperIds, 100, control)
  while ((control.acknowledged < ACKNOWLEDGED_BEFORE_KILL || control.comments === 0) && !control.stopped) await pause(5)
  await pause(Math.random() * 100)
  server.process.kill('SIGKILL')
  await server.exited
  control.stopped = true
  const result = await storm
  for (const [key, state] of result.lastAcknowledged) known.set(key, state)
  for (const text of result.comments) knownComments.add(text)

  const db = connect(databaseUrl)
  try {
    const problems: string[] = []
    const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db.kysely)
    const verdict = integrity.rows.map((r) => r.integrity_check).join('; ')
    if (verdict !== 'ok') problems.push(`integrity_check: ${verdict}`)
    const rows = await db.kysely.withTables<VoteTables>().selectFrom('votes').select(['user_id', 'paper_id']).execute()
    const stored = new Set(rows.map((r) => `${r.user_id} ${r.paper_id}`))
    for (const [key, state] of known) {
      if (state.pending) continue // its last request had no answer: either outcome is right
      if (state.up && !stored.has(key)) problems.push(`acknowledged vote ${key} is missing`)
      if (!state.up && stored.has(key)) problems.push(`acknowledged withdrawal ${key} is still there`)
    }
    const bodies = await db.kysely.withTables<CommentTables>().selectFrom('comments').select('body').execute()
    const storedComments = new Set(bodies.map((r) => r.body))
    for (const text of knownComments)
      if (!storedComments.has(text)) problems.push(`acknowledged comment “${text}” is missing`)
    problems.push(...(await countProblems(db)))
    return { acknowledged: result.acknowledged, comments: result.comments.size, problems }
  } finally {
    await db.close()
  }
}

export async function run(options: Record<string, string>): Promise<Figures> {
  const rounds = Number(options.rounds ?? 20)
  const voterCount = Number(options.voters ?? 50)
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-crash-'))
  const url = `sqlite:${join(dir, 'crash.db')}`
  try {
    const { voters, paperIds } = await prepareVotes(url, { voters: voterCount, papers: PAPERS })
    const known = new Map<string, { up: boolean; pending: boolean }>()
    const knownComments = new Set<string>()
    let acknowledged = 0
    let comments = 0
    let failedRounds = 0
    for (let round = 1; round <= rounds; round++) {
      const result = await crashRound(url, voters, paperIds, known, knownComments)
      acknowledged += result.acknowledged
      comments += result.comments
      if (result.problems.length) failedRounds++
      log(
        `round ${round}: ${result.acknowledged} votes and ${result.comments} comments acknowledged, then SIGKILL; ` +
          (result.problems.length
            ? `PROBLEMS: ${result.problems.slice(0, 5).join('; ')}`
            : 'file ok, every acknowledged vote there'),
      )
    }
    return {
      database: 'sqlite',
      rounds,
      voters: voterCount,
      acknowledged_votes: acknowledged,
      acknowledged_comments: comments,
      failed_rounds: failedRounds,
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function log(message: string) {
  process.stderr.write(`${message}\n`)
}
