import { existsSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { Worker } from 'node:worker_threads'
import type { IngestRequest, PaperSource, SourceBatch, SourceContext } from '../source.js'

export { LINES_PER_BATCH } from './snapshot-lines.js'

// Node 20 does not hand tsx's loader on to worker threads: the worker registers it, then imports
// its TypeScript entry.
const WORKER_URL = new URL('./snapshot-worker.ts', import.meta.url).href
const BOOTSTRAP = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ tsImport }) =>
  tsImport(${JSON.stringify(WORKER_URL)}, ${JSON.stringify(import.meta.url)}))`

const WORKER_HEAP_MB = 64

type WorkerMessage = { batch: SourceBatch } | { done: true } | { error: string }

/**
 * arXiv's bulk metadata snapshot (JSON lines, plain or gzipped), streamed in constant memory. Lines
 * are read and parsed in a worker thread while this thread writes the previous batch, which uses
 * the machine's second core (docs/decisions/0002-one-write-path.md). The position is the number
 * of lines landed, so an interrupted import resumes after the last batch; the scope names the
 * file with its size, so a different file never inherits a position.
 */
export function snapshotSource(): PaperSource {
  return {
    name: 'snapshot',
    scope: (r) => `${resolve(requireFile(r))} ${statSync(requireFile(r)).size}`,
    async *batches(request: IngestRequest, context: SourceContext): AsyncIterable<SourceBatch> {
      const skip = context.position ? Number(context.position) : 0
      const worker = new Worker(BOOTSTRAP, {
        eval: true,
        workerData: { file: requireFile(request), skip },
        // A few batches in flight need a few MB; a small heap makes the thread collect early
        // instead of growing toward V8's default and pushing the process past its memory budget.
        resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 8 },
      })
      const inbox: WorkerMessage[] = []
      let notify = () => {}
      const deliver = (message: WorkerMessage) => {
        inbox.push(message)
        notify()
      }
      worker.on('message', deliver)
      worker.on('error', (error) => deliver({ error: error.message }))
      worker.on('exit', (code) => deliver(code === 0 ? { done: true } : { error: `the snapshot reader stopped (exit ${code})` }))
      try {
        for (;;) {
          while (inbox.length === 0) await new Promise<void>((resolve) => (notify = resolve))
          const message = inbox.shift()!
          if ('error' in message) throw new Error(message.error)
          if ('done' in message) return
          context.signal?.throwIfAborted()
          yield message.batch
          worker.postMessage('next') // one more batch may be read ahead
        }
      } finally {
        await worker.terminate()
      }
    },
  }
}

function requireFile(r: IngestRequest): string {
  if (!r.file) throw new Error('snapshot needs --file <arxiv-metadata-oai-snapshot.json[.gz]>')
  if (!existsSync(r.file)) throw new Error(`no such file: ${r.file}`)
  return r.file
}
