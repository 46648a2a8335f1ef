// `npm run bench -- votes [--db sqlite|postgres|both] [--connections 100] [--votes 100]`
// 100 readers signed in (sessions made directly) each send `--votes` vote POSTs one after another,
// all at once, to the real server (`paperboy serve`, compiled): every vote changes a vote row, the
// paper's counts and its trending score. Each reader stays under the vote rate limit (120 a minute)
// by casting 100 votes. Figures per database: votes/s and p99 latency of the acknowledged votes.
import { connect } from '../src/platform/db/connect.js'
import type { Figures } from './run.js'
import { countProblems, IMPORTED_UPVOTES, percentile, prepareVotes, startServer, voteStorm } from './vote-storm.js'
import { scratchDatabase } from './scratch.js'

const PAPERS = 50

export async function run(options: Record<string, string>): Promise<Figures> {
  const kinds = options.db === 'both' || !options.db ? ['sqlite', 'postgres'] : [options.db]
  const connections = Number(options.connections ?? 100)
  const votesEach = Number(options.votes ?? 100)
  const figures: Figures = { connections, votes_each: votesEach, papers: PAPERS, imported_upvotes: IMPORTED_UPVOTES }
  for (const kind of kinds) {
    const scratch = await scratchDatabase(kind, 'votes')
    try {
      const { voters, paperIds } = await prepareVotes(scratch.url, { voters: connections, papers: PAPERS })
      const server = await startServer(scratch.url)
      try {
        // A short warm-up by other readers would share the limit; the first pass of each reader warms instead.
        const storm = await voteStorm(server.url, voters, paperIds, votesEach)
        const rate = storm.acknowledged / storm.seconds
        const p99 = percentile(storm.latenciesMs, 99)
        const failed = [...storm.failures.values()].reduce((a, b) => a + b, 0)
        log(
          `${kind}: ${storm.acknowledged} votes in ${storm.seconds.toFixed(2)} s = ${rate.toFixed(0)} votes/s, ` +
            `p50 ${percentile(storm.latenciesMs, 50).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, ${failed} failed ` +
            JSON.stringify(Object.fromEntries(storm.failures)),
        )
        figures[`${kind}_votes_per_s`] = Math.round(rate)
        figures[`${kind}_p50_ms`] = Number(percentile(storm.latenciesMs, 50).toFixed(2))
        figures[`${kind}_p99_ms`] = Number(p99.toFixed(2))
        figures[`${kind}_failed`] = failed
      } finally {
        server.process.kill('SIGTERM')
        await server.exited
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

function log(message: string) {
  process.stderr.write(`${message}\n`)
}
