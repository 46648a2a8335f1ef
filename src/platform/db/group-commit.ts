import type { Kysely } from 'kysely'
import type { Db } from './connect.js'
import type { Database } from './schema.js'

/**
 * Runs each job in a transaction and resolves once it has committed. On SQLite, the jobs that
 * arrive in the same turn of the event loop share one transaction: one commit writes the pages
 * they changed to the WAL once (a vote's own commit cost more than its statements; BENCHMARKS.md,
 * votes), and SQLite runs one writer at a time anyway. A job is acknowledged only after that
 * commit, so a crash loses no acknowledged job. On PostgreSQL each job keeps a transaction of its
 * own: concurrent transactions on the pool's connections are its way to the same end.
 *
 * `apply` runs the job's statements in `trx` and must not throw for an expected outcome (return
 * it instead): when any job of a batch throws, the batch is rolled back and each of its jobs runs
 * again alone, so one job's failure is its own. A batch holds the jobs of one turn, so it stays as
 * small as the requests that one turn read.
 */
export function groupCommit<Job, Result>(
  db: Db,
  apply: (trx: Kysely<Database>, job: Job) => Promise<Result>,
): (job: Job) => Promise<Result> {
  const alone = (job: Job) => db.kysely.transaction().execute((trx) => apply(trx, job))
  if (db.dialect !== 'sqlite') return alone
  let waiting: Waiting<Job, Result>[] = []
  const commit = async () => {
    const batch = waiting
    waiting = []
    let results: Result[]
    try {
      results = await db.kysely.transaction().execute(async (trx) => {
        const out: Result[] = []
        for (const { job } of batch) out.push(await apply(trx, job))
        return out
      })
    } catch {
      for (const { job, resolve, reject } of batch) await alone(job).then(resolve, reject)
      return
    }
    batch.forEach(({ resolve }, i) => resolve(results[i]!))
  }
  return (job) =>
    new Promise<Result>((resolve, reject) => {
      // After the poll phase: every request read in this turn has queued its job by then.
      if (waiting.length === 0) setImmediate(commit)
      waiting.push({ job, resolve, reject })
    })
}

interface Waiting<Job, Result> {
  job: Job
  resolve: (result: Result) => void
  reject: (error: unknown) => void
}
