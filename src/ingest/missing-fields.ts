import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import type { Logger } from 'pino'
import type { Db } from '../platform/db/connect.js'
import { acquireLease } from '../platform/jobs/lease.js'
import { runIngest } from './pipeline.js'
import type { PaperSource } from './source.js'

// Hugging Face days arrive without categories, so a pass a few times a day keeps up with them.
export const COMPLETE_EVERY_MS = 6 * 3_600_000
// arXiv unreachable (offline, or down): one log line, then try again after this long.
export const RETRY_AFTER_FAILURE_MS = 30 * 60_000
// One instance completes per period; the lease outlives a run of thousands of papers at 3 s a request.
const LEASE = 'ingest:arxiv-api@missing'

export interface CompletionTimes {
  everyMs: number
  retryMs: number
}

/**
 * `serve` completes, in the background, the papers that lack authors, categories or dates from
 * the arXiv API (`source` is arxiv-missing.ts, which goes through the shared polite client).
 * Runs at once, then every `everyMs`; a failed run logs one line and is retried after `retryMs`.
 * Offline nothing changes in the catalog: the run fails before it writes.
 */
export function startMissingFieldsCompletion(
  db: Db,
  source: PaperSource,
  logger: Logger,
  times: CompletionTimes = { everyMs: COMPLETE_EVERY_MS, retryMs: RETRY_AFTER_FAILURE_MS },
): { stop(): void } {
  const holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`
  const abort = new AbortController()
  let timer: NodeJS.Timeout | undefined

  const pass = async (): Promise<number> => {
    if (!(await acquireLease(db, LEASE, holder, times.everyMs))) return times.everyMs // another instance has it
    const run = await runIngest(db, source, {}, { trigger: 'schedule', feature: false, signal: abort.signal })
    if (abort.signal.aborted) return times.everyMs
    if (run.status === 'failed') {
      logger.warn(
        `completing papers from arXiv failed (run ${run.runId}): ${run.error}; trying again in ${minutes(times.retryMs)}`,
      )
      return times.retryMs
    }
    if (run.updated > 0) logger.info(`completed ${run.updated} papers from arXiv (run ${run.runId})`)
    return times.everyMs
  }
  const schedule = (delay: number) => {
    timer = setTimeout(() => {
      void pass()
        .catch((e: Error) => {
          logger.warn(`completing papers from arXiv failed: ${e.message}; trying again in ${minutes(times.retryMs)}`)
          return times.retryMs
        })
        .then((next) => {
          if (!abort.signal.aborted) schedule(next)
        })
    }, delay)
  }
  schedule(0)
  return {
    stop() {
      abort.abort()
      clearTimeout(timer)
    },
  }
}

function minutes(ms: number): string {
  return `${Math.round(ms / 60_000)} min`
}
