// Worker threads that render ranges of corpus lines in parallel. Started on first use and kept for
// the life of the process (they hold the listings, which take seconds to read), but unreferenced
// while idle so they never keep the process alive.
import { availableParallelism } from 'node:os'
import { startWorker } from '../../src/platform/worker-stream.js'
import { WorkerMessageSchema, type RenderRequest } from './protocol.js'

/** Each worker holds its own copy of the listings (about 0.7 GB), so big machines stop at four. */
const MAX_WORKERS = 4
const WORKER = new URL('./worker.js', import.meta.url)

export interface LinePool {
  size: number
  /** Settles once every worker has read the listings. */
  ready: Promise<void>
  /** The range's lines, newline-terminated, in UTF-8 or as one gzip member. */
  render(request: RenderRequest): Promise<Uint8Array>
}

let shared: LinePool | undefined

/** The process's pool of workers, started on first call; a pool that failed is replaced. */
export function useLinePool(): LinePool {
  shared ??= startLinePool()
  return shared
}

function startLinePool(): LinePool {
  const size = Math.min(availableParallelism(), MAX_WORKERS)
  let failed = false
  // One failed worker retires the whole pool, so the next corpus starts with a fresh one.
  const retire = () => {
    if (failed) return
    failed = true
    shared = undefined
    for (const worker of workers) void worker.thread.terminate()
  }
  const workers = Array.from({ length: size }, () => startRenderer(retire))
  let turn = 0
  return {
    size,
    ready: Promise.all(workers.map((worker) => worker.ready)).then(() => undefined),
    render: (request) => workers[turn++ % size]!.render(request),
  }
}

interface Waiter {
  resolve: (bytes: Uint8Array) => void
  reject: (error: Error) => void
}

function startRenderer(onFailure: () => void) {
  const thread = startWorker(WORKER, {})
  const waiting: Waiter[] = []
  let markReady = () => {}
  let failReady = (_: Error) => {}
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve
    failReady = reject
  })
  // Ready is awaited once a corpus is asked for; a failure before that mustn't crash the process.
  ready.catch(() => {})
  const settle = () => {
    if (waiting.length === 0) thread.unref()
  }
  thread.on('message', (message: unknown) => {
    const parsed = WorkerMessageSchema.parse(message)
    if (parsed.type === 'ready') markReady()
    else waiting.shift()?.resolve(parsed.bytes)
    settle()
  })
  const fail = (error: Error) => {
    onFailure()
    failReady(error)
    for (const waiter of waiting.splice(0)) waiter.reject(error)
  }
  thread.on('error', fail)
  thread.on('exit', (code) => fail(new Error(`a corpus worker stopped (exit code ${code})`)))
  return {
    thread,
    ready,
    render: (request: RenderRequest) =>
      new Promise<Uint8Array>((resolve, reject) => {
        waiting.push({ resolve, reject })
        thread.ref()
        thread.postMessage(request)
      }),
  }
}
