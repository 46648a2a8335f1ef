import { parentPort, Worker, type WorkerOptions } from 'node:worker_threads'

/**
 * Runs an async iterable in a worker thread and reads it here, so that producing the next items
 * (reading and parsing files) overlaps with consuming these (synchronous database writes). The
 * worker runs at most AHEAD items ahead of the reader, so memory stays flat.
 */
const AHEAD = 2
// Enough for a few batches in flight; a small heap makes the thread collect early instead of
// growing toward V8's default and pushing the process past its memory budget.
const WORKER_HEAP_MB = 64

type Message<T> = { item: T } | { done: true } | { error: string }

/** Reads what `serveFromWorker` yields in the worker module at `entry` (named `.js`, as imports are). */
export async function* readFromWorker<T>(entry: URL, workerData: unknown, signal?: AbortSignal): AsyncIterable<T> {
  const worker = startWorker(entry, {
    workerData,
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 8 },
  })
  const inbox: Message<T>[] = []
  let notify = () => {}
  const deliver = (message: Message<T>) => {
    inbox.push(message)
    notify()
  }
  worker.on('message', deliver)
  worker.on('error', (error) => deliver({ error: error.message }))
  worker.on('exit', (code) => deliver(code === 0 ? { done: true } : { error: `the worker stopped (exit ${code})` }))
  try {
    for (;;) {
      while (inbox.length === 0) await new Promise<void>((resolve) => (notify = resolve))
      const message = inbox.shift()!
      if ('error' in message) throw new Error(message.error)
      if ('done' in message) return
      signal?.throwIfAborted()
      yield message.item
      worker.postMessage('next') // the worker may read one more ahead
    }
  } finally {
    await worker.terminate()
  }
}

/**
 * Reads what several workers of the module at `entry` yield, one a `workerData`, as each item
 * comes: for work split in parts whose order does not matter.
 */
export async function* readFromWorkers<T>(entry: URL, works: readonly unknown[]): AsyncIterable<T> {
  const streams = works.map((work) => readFromWorker<T>(entry, work)[Symbol.asyncIterator]())
  const next = (i: number) => streams[i]!.next().then((result) => ({ i, result }))
  const pending = new Map(streams.map((_, i) => [i, next(i)]))
  try {
    while (pending.size > 0) {
      const { i, result } = await Promise.race(pending.values())
      if (result.done) {
        pending.delete(i)
        continue
      }
      pending.set(i, next(i))
      yield result.value
    }
  } finally {
    // After a stream's failure the others' items are not wanted, nor their failures reported.
    for (const item of pending.values()) item.catch(() => {})
    // Each stream ends its worker; one waiting for its next item is let to finish it first.
    await Promise.allSettled(streams.map((stream) => stream.return?.()))
  }
}

/**
 * In a worker module: hands `items` to `readFromWorker` in the parent, `ahead` of the reader at
 * most (a few, unless the items are small parts of what the reader consumes at once). `moved`
 * names an item's buffers that go to the parent instead of being copied (the item must not use
 * them again).
 */
export async function serveFromWorker<T>(
  items: AsyncIterable<T> | Iterable<T>,
  ahead = AHEAD,
  moved: (item: T) => ArrayBufferLike[] = () => [],
): Promise<void> {
  const port = parentPort!
  let credits = ahead
  let wake = () => {}
  port.on('message', () => {
    credits++
    wake()
  })
  try {
    for await (const item of items) {
      while (credits === 0) await new Promise<void>((resolve) => (wake = resolve))
      credits--
      // A typed array's buffer is typed as possibly shared; one that is cannot be named here.
      port.postMessage({ item }, moved(item) as ArrayBuffer[])
    }
    port.postMessage({ done: true })
  } catch (error) {
    port.postMessage({ error: (error as Error).message })
  }
}

/**
 * Starts the worker module at `entry`. Compiled (dist/), it starts in milliseconds. Run from the
 * TypeScript sources (tests, benchmarks), Node 20 does not hand tsx's loader on to workers: the
 * worker registers it, then imports the entry, which costs it most of a second
 * (docs/decisions/0008-compile-to-dist.md).
 */
export function startWorker(entry: URL, options: WorkerOptions): Worker {
  // From the sources, a module tsx imported in a worker carries a query (`?tsx-namespace=…`).
  if (!new URL(import.meta.url).pathname.endsWith('.ts')) return new Worker(entry, options)
  const bootstrap = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ tsImport }) =>
    tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(import.meta.url)}))`
  return new Worker(bootstrap, { ...options, eval: true })
}
