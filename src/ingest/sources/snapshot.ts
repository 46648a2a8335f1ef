import { existsSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { readFromWorker } from '../../platform/worker-stream.js'
import { joinDocuments } from '../../search/engines/postgres-document.js'
import type { IngestRequest, PaperSource, SourceBatch, SourceContext } from '../source.js'
import { LINES_PER_BATCH } from './snapshot-lines.js'

export { LINES_PER_BATCH }

const WORKER = new URL('./snapshot-worker.js', import.meta.url)

// The parsing thread hands its lines over in groups, up to two batches ahead of the writes, and
// this thread joins them into batches. Holding a whole batch's records (several MB) while it
// parsed the rest, the thread copied them at each young-generation collection and promoted them
// to its old generation: collecting took a third of its time (docs/decisions/0007-ingest.md).
const LINES_PER_GROUP = 50
const GROUPS_AHEAD = (2 * LINES_PER_BATCH) / LINES_PER_GROUP

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
      const work = { file: requireFile(request), skip, documents, linesPerGroup: LINES_PER_GROUP, ahead: GROUPS_AHEAD }
      yield* joinedGroups(readFromWorker<SourceBatch>(WORKER, work, context.signal))
    },
  }
}

/** The parsing thread's groups of lines joined into batches of LINES_PER_BATCH lines. */
async function* joinedGroups(groups: AsyncIterable<SourceBatch>): AsyncIterable<SourceBatch> {
  let parts: SourceBatch[] = []
  let lines = 0
  for await (const group of groups) {
    parts.push(group)
    lines += group.records.length + (group.problems?.length ?? 0)
    if (lines < LINES_PER_BATCH) continue
    yield joined(parts)
    parts = []
    lines = 0
  }
  if (parts.length > 0) yield joined(parts)
}

/** Consecutive groups as one batch, which resumes where the last of them ends. */
function joined(parts: readonly SourceBatch[]): SourceBatch {
  const last = parts.at(-1)!
  const documents = parts.flatMap((p) => (p.documents ? [p.documents] : []))
  return {
    records: parts.flatMap((p) => p.records),
    problems: parts.flatMap((p) => p.problems ?? []),
    position: last.position,
    progress: last.progress,
    ...(documents.length > 0 && { documents: joinDocuments(documents) }),
  }
}

function requireFile(r: IngestRequest): string {
  if (!r.file) throw new Error('snapshot needs --file <arxiv-metadata-oai-snapshot.json[.gz]>')
  if (!existsSync(r.file)) throw new Error(`no such file: ${r.file}`)
  return r.file
}
