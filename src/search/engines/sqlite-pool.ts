/**
 * SQLite's searches in worker threads (docs/decisions/0016-search.md, "Searches off the event
 * loop"). better-sqlite3 runs a query synchronously: on the server's one connection, a 40 ms search
 * stalls every page behind it, and one core does every search. Here each worker has a read-only
 * connection of its own (WAL: it sees every commit of the server's) and runs the same engine
 * (sqlite.ts), one search at a time; the server's thread only queues requests and reads answers.
 *
 * Writes stay on the server's connection: the index is written in the catalog's own transaction
 * (engine.ts), `rebuild`, `writeAll` and the benchmark's `exhaustive` run on it, and a candidate
 * list a worker makes on first use is handed back to be kept in `search_lists`.
 */
import type { Worker } from 'node:worker_threads'
import type { Db } from '../../platform/db/connect.js'
import { HttpError } from '../../platform/http/http-error.js'
import { startWorker } from '../../platform/worker-stream.js'
import type { RankedPage, SearchEngine, SearchOptions } from '../engine.js'
import type { SearchRequest } from '../model.js'
import type { FromWorker, ToWorker, WorkerSetup } from './sqlite-pool-protocol.js'
import { saveList } from './sqlite-lists.js'
import { anyOf, type SqliteEngineOptions } from './sqlite.js'

export interface SearchPoolOptions {
  /** Worker threads, each running one search at a time. */
  size: number
  /** A search not answered within this time (queued or running) fails with a 503. */
  timeoutMs: number
  /** Each worker's page cache, in MB (settings.ts, SEARCH_CACHE_MB); connect.ts's 32 when absent. */
  cacheMb?: number
  /** The planner's settings, passed to every worker (tests force the candidate path). */
  planner?: Partial<Pick<SqliteEngineOptions, 'cheapCost' | 'listSize' | 'commitMarginMs'>>
}

export interface SearchPool extends SearchEngine {
  /** Fails what is queued and stops the workers. */
  close(): Promise<void>
  /** The worker threads now running, for tests. */
  threads(): Worker[]
}

/** Why a search failed for want of a worker: a 503, since asking again will work. */
export class SearchUnavailable extends HttpError {
  constructor(reason: string) {
    super(503, `Search is not available right now (${reason}). Try again in a moment.`, {
      headers: { 'Retry-After': '1' },
    })
  }
}

interface Job {
  id: number
  request: SearchRequest
  urgent: boolean
  asked: SearchOptions
  resolve(page: RankedPage): void
  reject(error: Error): void
  timer: NodeJS.Timeout
}

interface Slot {
  worker: Worker
  ready: boolean
  job: Job | null
  startedAt: number
}

/** A worker that dies this soon after it started waits this long before the next: no busy loop of restarts. */
const RESTART_DELAY_MS = 1_000

/**
 * Searches on `path` answered by `size` workers; everything else by `local`, the engine on the
 * server's own connection.
 */
export function sqliteSearchPool(db: Db, path: string, local: SearchEngine, options: SearchPoolOptions): SearchPool {
  const setup: WorkerSetup = { path, ...options.planner, cacheMb: options.cacheMb }
  const queue: Job[] = []
  const slots = new Set<Slot>()
  let nextId = 0
  let closed = false

  const start = () => {
    const slot: Slot = {
      worker: startWorker(new URL('./sqlite-search-worker.js', import.meta.url), { workerData: setup }),
      ready: false,
      job: null,
      startedAt: Date.now(),
    }
    // The server's open handles keep the process alive; a pool left open must not.
    slot.worker.unref()
    slot.worker.on('message', (message: FromWorker) => heard(slot, message))
    slot.worker.on('error', (error) => lost(slot, `a search worker failed: ${error.message}`))
    slot.worker.on('exit', (code) => lost(slot, `a search worker stopped (exit ${code})`))
    slots.add(slot)
  }

  const heard = (slot: Slot, message: FromWorker) => {
    if (message.kind === 'save') {
      // A list another reader will make again should this write fail (the database is busy).
      saveList(db, message.key, message.list).catch(() => {})
      return
    }
    if (message.kind === 'ready') slot.ready = true
    else {
      const job = slot.job
      slot.job = null
      if (job && job.id === message.id) {
        clearTimeout(job.timer)
        if (message.kind === 'answer') job.resolve(message.page)
        else job.reject(Object.assign(new Error(message.message), message.code ? { code: message.code } : {}))
      }
    }
    dispatch()
  }

  /** A worker crashed or was stopped: its search fails, and another worker takes its place. */
  const lost = (slot: Slot, reason: string) => {
    if (!slots.delete(slot)) return
    void slot.worker.terminate()
    if (slot.job) {
      clearTimeout(slot.job.timer)
      slot.job.reject(new SearchUnavailable(reason))
    }
    if (closed) return
    const soon = Date.now() - slot.startedAt < RESTART_DELAY_MS
    if (soon) setTimeout(() => closed || (start(), dispatch()), RESTART_DELAY_MS).unref()
    else start()
  }

  const dispatch = () => {
    for (const slot of slots) {
      if (queue.length === 0) return
      if (!slot.ready || slot.job) continue
      const job = queue.shift()!
      slot.job = job
      slot.worker.postMessage({
        kind: 'search',
        id: job.id,
        request: job.request,
        withPapers: job.asked.withPapers ?? false,
        ...(job.asked.highlight ? { highlight: job.asked.highlight } : {}),
        ...(job.asked.v1Results ? { v1Results: true } : {}),
      } satisfies ToWorker)
    }
  }

  const timedOut = (job: Job) => {
    const queued = queue.indexOf(job)
    if (queued >= 0) queue.splice(queued, 1)
    const running = [...slots].find((s) => s.job === job)
    job.reject(new SearchUnavailable(`no answer within ${options.timeoutMs} ms`))
    // The worker is still inside that search: only a fresh one is free again soon.
    if (running) {
      running.job = null
      lost(running, 'timed out')
    }
  }

  const broadcast = (message: ToWorker) => {
    for (const slot of slots) slot.worker.postMessage(message)
  }

  for (let i = 0; i < options.size; i++) start()

  const search = (request: SearchRequest, asked: SearchOptions = {}) => {
    const urgent = asked.urgent ?? false
    if (closed) return Promise.reject(new SearchUnavailable('the server is shutting down'))
    return new Promise<RankedPage>((resolve, reject) => {
      const job: Job = {
        id: nextId++,
        request,
        urgent,
        asked,
        resolve,
        reject,
        timer: setTimeout(() => timedOut(job), options.timeoutMs),
      }
      // Urgent ones in the order they came, before every other.
      const at = urgent ? queue.findIndex((j) => !j.urgent) : -1
      if (at >= 0) queue.splice(at, 0, job)
      else queue.push(job)
      dispatch()
    })
  }

  return {
    search,
    // Similar papers: the paper's page waits on it, so it goes ahead of the queued searches.
    sharing: async (terms, limit) => (await search(anyOf(terms, limit), { urgent: true })).ranked.map((r) => r.id),
    exhaustive: (request) => local.exhaustive(request),
    async rebuild(onProgress) {
      await local.rebuild(onProgress)
      broadcast({ kind: 'clear' })
    },
    async writeAll() {
      await local.writeAll()
      broadcast({ kind: 'clear' })
    },
    async writeAlong(work, alongside) {
      const result = await local.writeAlong(work, alongside)
      broadcast({ kind: 'clear' })
      return result
    },
    threads: () => [...slots].map((s) => s.worker),
    async close() {
      closed = true
      for (const job of queue.splice(0)) {
        clearTimeout(job.timer)
        job.reject(new SearchUnavailable('the server is shutting down'))
      }
      const stopping = [...slots]
      slots.clear()
      await Promise.all(
        stopping.map(async (slot) => {
          if (slot.job) {
            clearTimeout(slot.job.timer)
            slot.job.reject(new SearchUnavailable('the server is shutting down'))
          }
          await slot.worker.terminate()
        }),
      )
    },
  }
}
