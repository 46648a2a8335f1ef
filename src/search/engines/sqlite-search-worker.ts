// A search worker (sqlite-pool.ts): SQLite's engine on a read-only connection of its own, in a
// thread of its own, answering one search at a time so that the server's event loop never runs one.
import { readlinkSync } from 'node:fs'
import { setPriority } from 'node:os'
import { parentPort, workerData } from 'node:worker_threads'
import { connect } from '../../platform/db/connect.js'
import type { RankedPage } from '../engine.js'
import { highlightedHits, showPapers } from '../shown-papers.js'
import { v1ResultsJson } from '../v1-results.js'
import type { FromWorker, ToWorker, WorkerSetup } from './sqlite-pool-protocol.js'
import { createSqliteEngine } from './sqlite.js'
import { shownSummaries } from './sqlite-shown.js'

/**
 * A search worker's niceness (Linux; 0 is the server's thread): its weight is a third of the
 * server thread's when both want one core, and it still has an idle core to itself.
 */
const SEARCH_THREAD_NICE = 5

const setup = workerData as WorkerSetup
lowerThreadPriority(SEARCH_THREAD_NICE)
const port = parentPort!
const send = (message: FromWorker) => port.postMessage(message)
const db = connect(`sqlite:${setup.path}`, { readOnly: true, cacheMb: setup.cacheMb })
const planner = {
  ...(setup.cheapCost === undefined ? {} : { cheapCost: setup.cheapCost }),
  ...(setup.listSize === undefined ? {} : { listSize: setup.listSize }),
  ...(setup.commitMarginMs === undefined ? {} : { commitMarginMs: setup.commitMarginMs }),
}
// This connection cannot write: a list made here is kept in `search_lists` by the server's.
const engineOf = () =>
  createSqliteEngine(db, { ...planner, saveList: async (key, list) => send({ kind: 'save', key, list }) })
let engine = engineOf()

port.on('message', (message: ToWorker) => {
  if (message.kind === 'clear') {
    engine = engineOf()
    return
  }
  answer(message).then(
    (page) => send({ kind: 'answer', id: message.id, page }),
    (error: unknown) => {
      const code = (error as { code?: unknown }).code
      send({
        kind: 'failed',
        id: message.id,
        message: error instanceof Error ? error.message : String(error),
        ...(typeof code === 'string' ? { code } : {}),
      })
    },
  )
})
send({ kind: 'ready' })

/**
 * The search, and with `withPapers` the page's papers read and highlighted here too: loading and
 * highlighting twenty papers was over half the server thread's work a search, and paper pages
 * waited behind it. With `v1Results` they go back as the API's JSON text: receiving twenty papers
 * as objects and writing them out was most of what was left of it; and only what the API shows of
 * them is read, by the rowids the engine found them under (sqlite-shown.ts).
 */
async function answer(message: ToWorker & { kind: 'search' }): Promise<RankedPage> {
  const { request, withPapers, highlight, v1Results } = message
  const page = await engine.search(request)
  if (!withPapers) return page
  const ids = page.ranked.map((r) => r.id)
  if (v1Results && highlight) {
    const summaries = await shownSummaries(db, page.ranked)
    const shown = summaries ? summaries.map((paper) => ({ paper })) : await showPapers(db, ids, request.query)
    return { ...page, v1Results: v1ResultsJson(highlightedHits(page.ranked, shown, request.query, highlight)) }
  }
  return { ...page, papers: await showPapers(db, ids, request.query, highlight) }
}

/**
 * Linux gives each thread a niceness of its own (setpriority on a thread id): a search yields the
 * core to the server's thread, which renders pages and answers within milliseconds, whenever both
 * want it. Elsewhere, or when refused, the thread runs at the process's priority.
 */
function lowerThreadPriority(nice: number): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').at(-1))
    if (tid > 0) setPriority(tid, nice)
  } catch {
    // Not Linux: nothing to do.
  }
}
