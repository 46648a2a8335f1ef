// The snapshot source's parsing thread (see readFromWorker in platform/worker-stream.ts).
import { workerData } from 'node:worker_threads'
import { serveFromWorker } from '../../platform/worker-stream.js'
import { readSnapshotBatches } from './snapshot-lines.js'

const { file, skip } = workerData as { file: string; skip: number }
await serveFromWorker(readSnapshotBatches(file, skip))
