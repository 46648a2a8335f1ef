// The Hugging Face import's parsing thread (see readFromWorker in platform/worker-stream.ts).
import { workerData } from 'node:worker_threads'
import { serveFromWorker } from '../../platform/worker-stream.js'
import { parseHfFileGroups } from './parse-files.js'

const { files, recordsPerGroup, ahead, tokenize } = workerData as {
  files: string[]
  recordsPerGroup: number
  ahead: number
  tokenize: boolean
}
await serveFromWorker(parseHfFileGroups(files, recordsPerGroup, tokenize), ahead)
