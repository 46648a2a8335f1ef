import { existsSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { readFromWorker } from '../../platform/worker-stream.js'
import type { IngestRequest, PaperSource, SourceBatch, SourceContext } from '../source.js'

export { LINES_PER_BATCH } from './snapshot-lines.js'

const WORKER = new URL('./snapshot-worker.js', import.meta.url)

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
      const documents = context.prepareDocuments ?? false
      yield* readFromWorker<SourceBatch>(WORKER, { file: requireFile(request), skip, documents }, context.signal)
    },
  }
}

function requireFile(r: IngestRequest): string {
  if (!r.file) throw new Error('snapshot needs --file <arxiv-metadata-oai-snapshot.json[.gz]>')
  if (!existsSync(r.file)) throw new Error(`no such file: ${r.file}`)
  return r.file
}
