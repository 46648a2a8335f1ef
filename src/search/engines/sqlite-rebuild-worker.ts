// The SQLite rebuild's tokenizing thread (see readFromWorker in platform/worker-stream.ts): reads
// the catalog on a read-only connection of its own, which WAL lets run beside the writer.
import { workerData } from 'node:worker_threads'
import SQLite from 'better-sqlite3'
import { serveFromWorker } from '../../platform/worker-stream.js'
import { tokenizedBatches } from './sqlite-rebuild-rows.js'

const { path } = workerData as { path: string }
const database = new SQLite(path, { readonly: true })
try {
  await serveFromWorker(tokenizedBatches(database))
} finally {
  database.close()
}
