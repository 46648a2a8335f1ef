// The snapshot source's parsing thread (see readFromWorker in platform/worker-stream.ts).
import { workerData } from 'node:worker_threads'
import { serveFromWorker } from '../../platform/worker-stream.js'
import { prepareDocuments } from '../../search/engines/postgres-document.js'
import type { SourceBatch } from '../source.js'
import { readSnapshotBatches } from './snapshot-lines.js'

const { file, skip, documents, linesPerGroup, ahead } = workerData as {
  file: string
  skip: number
  documents: boolean
  linesPerGroup: number
  ahead: number
}

async function* withDocuments(batches: AsyncIterable<SourceBatch>): AsyncIterable<SourceBatch> {
  for await (const batch of batches) yield { ...batch, documents: prepareDocuments(batch.records) }
}

const groups = readSnapshotBatches(file, skip, linesPerGroup)
await serveFromWorker(
  documents ? withDocuments(groups) : groups,
  ahead,
  // The documents' bytes go to the writing thread without a copy.
  (batch) => (batch.documents ? [batch.documents.bytes.buffer, batch.documents.ends.buffer] : []),
)
