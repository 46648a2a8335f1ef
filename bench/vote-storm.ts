// What the votes benchmark, the crash benchmark and the crash test share: a database with readers
// whose sessions are made directly, the real server as a child process (`paperboy serve`), and
// a storm of vote POSTs from many clients at once, each recording what the server acknowledged.
import { type ChildProcess, spawn } from 'node:child_process'
import { Agent, request } from 'node:http'
import { createServer } from 'node:net'
import { sessionExpiry, SESSION_COOKIE } from '../src/community/accounts/session-cookie.js'
import { createSession, createUser } from '../src/community/accounts/store.js'
import type { CommentTables } from '../src/community/comments/schema.js'
import type { VoteTables } from '../src/community/votes/schema.js'
import { csrfTokenFor, newToken } from '../src/community/accounts/tokens.js'
import { migrateToLatest } from '../src/migrations.js'
import { upsertPapers } from '../src/papers/upsert.js'
import { connect, type Db } from '../src/platform/db/connect.js'

export interface Voter {
  userId: number
  cookie: string
  csrf: string
}

export const IMPORTED_UPVOTES = 5

/** Migrates `databaseUrl` and adds `papers` featured papers and `voters` confirmed readers with live sessions. */
export async function prepareVotes(
  databaseUrl: string,
  counts: { voters: number; papers: number },
): Promise<{ voters: Voter[]; paperIds: string[] }> {
  const db = connect(databaseUrl)
  try {
    await migrateToLatest(db)
    const day = new Date().toISOString().slice(0, 10)
    const paperIds = Array.from({ length: counts.papers }, (_, i) => `2608.${String(30000 + i)}`)
    await upsertPapers(
      db,
      paperIds.map((id, i) => ({
        id,
        title: `Paper ${i} of the vote storm`,
        authors: ['Ada Lovelace'],
        publishedAt: `${day}T00:00:00.000Z`,
        counts: { upvotes: IMPORTED_UPVOTES, numComments: 0 },
        featuring: {
          featuredOn: day,
          source: 'hf',
          position: i,
          submittedBy: null,
          submittedAt: `${day}T06:00:00.000Z`,
        },
      })),
    )
    const voters: Voter[] = []
    const now = Date.now()
    const iso = new Date(now).toISOString()
    for (let i = 0; i < counts.voters; i++) {
      const user = await createUser(
        db,
        // Sessions are made directly, so the password is never checked: no hash to compute.
        {
          username: `voter${i}`,
          displayName: `Voter ${i}`,
          email: `voter${i}@lab.example.org`,
          passwordHash: 'x',
          verifiedAt: iso,
        },
        iso,
      )
      if (!user) throw new Error(`voter${i} exists already`)
      const token = newToken()
      await createSession(db, token, user.id, { now: iso, expiresAt: sessionExpiry(now) }, 'vote storm')
      voters.push({ userId: user.id, cookie: `${SESSION_COOKIE}=${token}`, csrf: csrfTokenFor(token) })
    }
    return { voters, paperIds }
  } finally {
    await db.close()
  }
}

export interface Server {
  url: string
  process: ChildProcess
  /** Resolves when the process has exited. */
  exited: Promise<void>
}

/**
 * `paperboy serve` on a free port, ready when it answers /readyz. `cli` runs another build's
 * compiled CLI (e.g. main's `dist/cli.js`) under the same load, for an A/B; `nodeOptions` are
 * passed to node (e.g. `--cpu-prof`).
 */
export async function startServer(
  databaseUrl: string,
  { cli = 'bin/paperboy.js', nodeOptions = [] }: { cli?: string; nodeOptions?: string[] } = {},
): Promise<Server> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const child = spawn(process.execPath, [...nodeOptions, cli, 'serve'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      BASE_URL: url,
      LOG_LEVEL: 'error',
      ACCESS_LOG: 'false',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const deadline = Date.now() + 120_000 // the first start after a change builds dist/
  for (;;) {
    if (child.exitCode !== null) throw new Error(`paperboy serve exited with ${child.exitCode}`)
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    )
    if (ready) return { url, process: child, exited }
    if (Date.now() > deadline) throw new Error('paperboy serve did not start in 120 s')
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port
      server.close(() => resolve(port))
    })
    server.once('error', reject)
  })
}

export interface StormResult {
  /** Every vote the server acknowledged (303), with its latency. */
  acknowledged: number
  latenciesMs: number[]
  /** Answers other than 303, by status; 0 for a request that got no answer. */
  failures: Map<number, number>
  seconds: number
  /**
   * Per `<userId> <paperId>`: the last vote the server acknowledged (true = up), and whether a
   * later request was still unanswered when the storm ended, which leaves the outcome open.
   */
  lastAcknowledged: Map<string, { up: boolean; pending: boolean }>
  /** The bodies of the comments the server acknowledged (every COMMENT_EVERY-th action is a comment). */
  comments: Set<string>
}

/** Every this many actions a reader comments instead of voting, so the storm writes both. */
export const COMMENT_EVERY = 5

/**
 * Each voter sends `votesEach` vote POSTs one after another, all voters at once: vote k of a voter
 * is on paper k mod P, up on even passes over the papers and none on odd ones, so every vote
 * changes something. `control.stopped` ends the storm early (the crash test kills the server
 * meanwhile); `control.acknowledged` and `control.comments` count acknowledged votes and comments as they come.
 */
export async function voteStorm(
  baseUrl: string,
  voters: Voter[],
  paperIds: string[],
  votesEach: number,
  control: { stopped: boolean; acknowledged: number; comments?: number } = { stopped: false, acknowledged: 0 },
): Promise<StormResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: voters.length })
  const origin = new URL(baseUrl).origin
  const latenciesMs: number[] = []
  const failures = new Map<number, number>()
  const lastAcknowledged = new Map<string, { up: boolean; pending: boolean }>()
  const comments = new Set<string>()
  const started = performance.now()
  await Promise.all(
    voters.map(async (voter, v) => {
      for (let k = 0; k < votesEach && !control.stopped; k++) {
        // Voters start at different papers, so they spread over the catalog as readers do.
        const paperId = paperIds[(k + v) % paperIds.length]!
        if (k % COMMENT_EVERY === COMMENT_EVERY - 1) {
          // Comments are rate-limited per reader (429s are answers, not losses); only 303s count.
          const text = `storm comment ${voter.userId}-${k}`
          const answer = await send(
            agent,
            `${baseUrl}/papers/${paperId}/comments`,
            origin,
            voter,
            `body=${encodeURIComponent(text)}`,
          )
          if (answer === 303) {
            comments.add(text)
            control.comments = (control.comments ?? 0) + 1
          } else if (answer === 0) return
          continue
        }
        const up = Math.floor(k / paperIds.length) % 2 === 0
        const key = `${voter.userId} ${paperId}`
        const before = lastAcknowledged.get(key)
        lastAcknowledged.set(key, { up: before?.up ?? false, pending: true })
        const t = performance.now()
        const status = await send(
          agent,
          `${baseUrl}/papers/${paperId}/vote`,
          origin,
          voter,
          `vote=${up ? 'up' : 'none'}`,
        )
        if (status === 303) {
          latenciesMs.push(performance.now() - t)
          control.acknowledged++
          lastAcknowledged.set(key, { up, pending: false })
        } else {
          failures.set(status, (failures.get(status) ?? 0) + 1)
          if (status === 0) return // the server is gone
          lastAcknowledged.set(key, { up: before?.up ?? false, pending: false })
        }
      }
    }),
  )
  agent.destroy()
  return {
    acknowledged: latenciesMs.length,
    latenciesMs,
    failures,
    seconds: (performance.now() - started) / 1000,
    lastAcknowledged,
    comments,
  }
}

/**
 * Votes at a steady `rate` a second for `seconds`, spread over the voters (each votes every
 * voters/rate seconds, the voters staggered), whatever the answers' pace: an open load, as readers
 * give. Each latency runs from the moment its vote was due, so a server that falls behind is charged
 * for the wait too (no coordinated omission).
 */
export async function pacedVotes(
  baseUrl: string,
  voters: Voter[],
  paperIds: string[],
  rate: number,
  seconds: number,
): Promise<{ sent: number; latenciesMs: number[]; failures: number; seconds: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: voters.length * 2 })
  const origin = new URL(baseUrl).origin
  const periodMs = (voters.length / rate) * 1000
  const latenciesMs: number[] = []
  let failures = 0
  const started = performance.now()
  const pending: Promise<void>[] = []
  await Promise.all(
    voters.map(async (voter, v) => {
      for (let k = 0; ; k++) {
        const due = started + (v / voters.length) * periodMs + k * periodMs
        if (due - started >= seconds * 1000) return
        const wait = due - performance.now()
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
        const paperId = paperIds[(k + v) % paperIds.length]!
        const up = Math.floor(k / paperIds.length) % 2 === 0
        pending.push(
          send(agent, `${baseUrl}/papers/${paperId}/vote`, origin, voter, `vote=${up ? 'up' : 'none'}`).then(
            (status) => {
              if (status === 303) latenciesMs.push(performance.now() - due)
              else failures++
            },
          ),
        )
      }
    }),
  )
  await Promise.all(pending)
  agent.destroy()
  return { sent: pending.length, latenciesMs, failures, seconds: (performance.now() - started) / 1000 }
}

function send(agent: Agent, url: string, origin: string, voter: Voter, fields: string): Promise<number> {
  const body = `_csrf=${encodeURIComponent(voter.csrf)}&${fields}`
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          origin,
          cookie: voter.cookie,
        },
      },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
        res.on('error', () => resolve(0))
      },
    )
    req.on('error', () => resolve(0))
    req.end(body)
  })
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

/** What must hold after any storm, crash or not: every paper's counts agree with the votes table. */
export async function countProblems(db: Db): Promise<string[]> {
  const rows = await db.kysely
    .withTables<VoteTables & CommentTables>()
    .selectFrom('papers')
    .select([
      'id',
      'upvotes',
      'imported_upvotes',
      'local_upvotes',
      'num_comments',
      'imported_comments',
      'local_comments',
    ])
    .select((eb) =>
      eb
        .selectFrom('votes')
        .select((v) => v.fn.countAll<number>().as('n'))
        .whereRef('votes.paper_id', '=', 'papers.id')
        .as('votes'),
    )
    .select((eb) =>
      eb
        .selectFrom('comments')
        .select((v) => v.fn.countAll<number>().as('n'))
        .whereRef('comments.paper_id', '=', 'papers.id')
        .where('comments.deleted_at', 'is', null)
        .where('comments.hidden_at', 'is', null)
        .as('comments'),
    )
    .execute()
  return rows.flatMap((r) => {
    const problems: string[] = []
    if (Number(r.votes) !== r.local_upvotes)
      problems.push(`${r.id}: ${r.votes} votes but local_upvotes ${r.local_upvotes}`)
    if (r.upvotes !== r.imported_upvotes + r.local_upvotes)
      problems.push(`${r.id}: upvotes ${r.upvotes} ≠ imported + local`)
    if (Number(r.comments) !== r.local_comments)
      problems.push(`${r.id}: ${r.comments} comments but local_comments ${r.local_comments}`)
    if (r.num_comments !== r.imported_comments + r.local_comments)
      problems.push(`${r.id}: num_comments ${r.num_comments} ≠ imported + local`)
    return problems
  })
}
