// `npm run bench -- votes [--db sqlite|postgres|both] [--connections 100] [--duration 4] [--rate 1000]
//   [--server <another build's dist/cli.js>] [--profile <dir>]`
// `--server` runs another build's server under the same load (an A/B against main's build);
// `--profile` writes the server's CPU profile (node --cpu-prof) into <dir>.
// Readers signed in (sessions made directly) send vote POSTs over 100 connections to the real
// server (`paperboy serve`, compiled) as fast as it answers: every vote changes a vote row, the
// paper's counts and its trending score (reader r's k-th vote goes to paper k mod 50, up on even
// passes and none on odd ones). Loaded with wrk, as the other load benchmarks are
// (docs/decisions/0017-load-generator.md), else with a Node client (one reader a connection). A
// reader may cast 120 votes a minute, so wrk walks READERS_PER_CONNECTION readers a connection in
// turn: 400 readers stay under the limit for 4 s up to 12,000 votes/s; a 429 is counted as failed. Figures per database: votes/s and p99 latency of that saturating load (where p99
// is mostly the queue: 100 requests always waiting), and p99 of a paced run that offers `--rate`
// votes/s (1,000 by default, the issue's throughput target) from another 100 readers, with latency
// counted from when each vote was due. `*_server_cpu_ms_per_vote` is the server process's CPU time
// over the saturating run divided by its requests: the figure that still compares on a busy machine.
import { readFileSync } from 'node:fs'
import { connect } from '../src/platform/db/connect.js'
import type { Figures } from './run.js'
import { scratchDatabase } from './scratch.js'
import {
  countProblems,
  IMPORTED_UPVOTES,
  pacedVotes,
  percentile,
  prepareVotes,
  startServer,
  type Voter,
  voteStorm,
} from './vote-storm.js'
import { runWrk, type WrkResult, wrkPath } from './wrk.js'

const PAPERS = 50
// With one reader a connection, 100 readers reach their 120-votes-a-minute limit within 4 s at 3,000
// votes/s, which the prepared, group-committed vote passes (docs/decisions/0033-the-vote-path.md);
// 429s, cheap to answer, would then inflate the figure. Still 100 requests in flight.
const READERS_PER_CONNECTION = 4

interface Load {
  votesPerS: number
  /** Answers counted (wrk: requests completed). */
  votes: number
  p99: number
  failed: number
}

export async function run(options: Record<string, string>): Promise<Figures> {
  const kinds = options.db === 'both' || !options.db ? ['sqlite', 'postgres'] : [options.db]
  const connections = Number(options.connections ?? 100)
  // Each reader may vote 120 times a minute (the product's limit): see READERS_PER_CONNECTION.
  const duration = Number(options.duration ?? 4)
  // The paced run: this many votes a second offered by as many readers as connections, steadily.
  const rate = Number(options.rate ?? 1000)
  const figures: Figures = {
    load_generator: wrkPath ? 'wrk' : 'node',
    connections,
    duration_s: duration,
    paced_rate: rate,
    papers: PAPERS,
    imported_upvotes: IMPORTED_UPVOTES,
  }
  for (const kind of kinds) {
    const scratch = await scratchDatabase(kind, 'votes')
    try {
      // Two sets of readers: the paced run's have their own vote budgets (120 a minute each).
      const stormReaders = connections * READERS_PER_CONNECTION
      const prepared = await prepareVotes(scratch.url, { voters: stormReaders + connections, papers: PAPERS })
      const { paperIds } = prepared
      const voters = prepared.voters.slice(0, stormReaders)
      const pacedVoters = prepared.voters.slice(stormReaders)
      const server = await startServer(scratch.url, {
        cli: options.server,
        nodeOptions: options.profile ? ['--cpu-prof', `--cpu-prof-dir=${options.profile}`] : [],
      })
      let load: Load
      let bare: Load | null = null
      let cpuPerVote = 0
      let paced: Awaited<ReturnType<typeof pacedVotes>>
      try {
        // The machine's pace at this moment: the health check, through the same middleware, by the same client.
        if (wrkPath) bare = await wrkRun(server.url + '/healthz', connections, duration)
        const cpuBefore = cpuSeconds(server.process.pid!)
        load = wrkPath
          ? await wrkStorm(server.url, voters, paperIds, connections, duration)
          : await nodeStorm(server.url, voters.slice(0, connections), paperIds)
        cpuPerVote = ((cpuSeconds(server.process.pid!) - cpuBefore) * 1000) / load.votes
        paced = await pacedVotes(server.url, pacedVoters, paperIds, rate, duration)
      } finally {
        server.process.kill('SIGTERM')
        await server.exited
      }
      log(`${kind}: ${load.votesPerS.toFixed(0)} votes/s, p99 ${load.p99.toFixed(1)} ms, ${load.failed} failed`)
      figures[`${kind}_votes_per_s`] = Math.round(load.votesPerS)
      figures[`${kind}_p99_ms`] = Number(load.p99.toFixed(2))
      figures[`${kind}_failed`] = load.failed
      // What one vote costs the server's CPU, whatever else runs: the figure to compare on a loaded machine.
      log(`${kind}: ${cpuPerVote.toFixed(3)} ms of server CPU a vote`)
      figures[`${kind}_server_cpu_ms_per_vote`] = Number(cpuPerVote.toFixed(3))
      const pacedP99 = percentile(paced.latenciesMs, 99)
      log(
        `${kind}: ${rate} votes/s offered by ${connections} readers: ${(paced.latenciesMs.length / paced.seconds).toFixed(0)} acknowledged/s, p99 ${pacedP99.toFixed(1)} ms, ${paced.failures} failed`,
      )
      figures[`${kind}_paced_votes_per_s`] = Math.round(paced.latenciesMs.length / paced.seconds)
      figures[`${kind}_paced_p99_ms`] = Number(pacedP99.toFixed(2))
      figures[`${kind}_paced_failed`] = paced.failures
      if (bare) {
        log(
          `${kind}: the health check at the same time: ${bare.votesPerS.toFixed(0)} requests/s, p99 ${bare.p99.toFixed(1)} ms`,
        )
        figures[`${kind}_healthz_rps`] = Math.round(bare.votesPerS)
        figures[`${kind}_share_of_healthz`] = Number((load.votesPerS / bare.votesPerS).toFixed(3))
      }
      const db = connect(scratch.url)
      const problems = await countProblems(db).finally(() => db.close())
      figures[`${kind}_count_problems`] = problems.length
      if (problems.length) log(`${kind}: counts disagree with the votes table: ${problems.slice(0, 5).join('; ')}`)
    } finally {
      await scratch.drop()
    }
  }
  return figures
}

/** wrk with a Lua script that walks the readers in turn, so one reader's votes are 100 requests apart. */
export async function wrkStorm(
  baseUrl: string,
  voters: Voter[],
  paperIds: string[],
  connections: number,
  duration: number,
): Promise<Load> {
  const lua = (s: string) => JSON.stringify(s) // JSON strings of ASCII are Lua strings
  const script = `local voters = {${voters.map((v) => `{${lua(v.cookie)}, ${lua(v.csrf)}}`).join(',\n')}}
local papers = {${paperIds.map(lua).join(', ')}}
local origin = ${lua(new URL(baseUrl).origin)}
local i = 0
request = function()
  local v = voters[(i % #voters) + 1]
  local k = math.floor(i / #voters)
  local up = math.floor(k / #papers) % 2 == 0
  i = i + 1
  local body = "_csrf=" .. v[2] .. "&vote=" .. (up and "up" or "none")
  local headers = { ["Content-Type"] = "application/x-www-form-urlencoded", ["Origin"] = origin, ["Cookie"] = v[1] }
  return wrk.format("POST", "/papers/" .. papers[(k % #papers) + 1] .. "/vote", headers, body)
end
`
  return loadOf(await runWrk({ url: baseUrl, connections, duration, lua: script }))
}

async function wrkRun(url: string, connections: number, duration: number): Promise<Load> {
  return loadOf(await runWrk({ url, connections, duration }))
}

function loadOf(result: WrkResult): Load {
  return { votesPerS: result.rps, votes: result.requests, p99: result.p99, failed: result.errors }
}

/** Without wrk: each reader sends 100 votes one after another, all readers at once. */
async function nodeStorm(baseUrl: string, voters: Voter[], paperIds: string[]): Promise<Load> {
  const storm = await voteStorm(baseUrl, voters, paperIds, 100)
  const failed = [...storm.failures.values()].reduce((a, b) => a + b, 0)
  return {
    votesPerS: storm.acknowledged / storm.seconds,
    votes: storm.acknowledged + failed,
    p99: percentile(storm.latenciesMs, 99),
    failed,
  }
}

/** User and system CPU seconds a process has used so far (Linux: /proc/<pid>/stat, in clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return (Number(fields[11]) + Number(fields[12])) / 100
}

function log(message: string) {
  process.stderr.write(`${message}\n`)
}
