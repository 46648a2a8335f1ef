// A thread of the lists' pass (sqlite-prepare.ts): tokenizes its share of the papers on a
// read-only connection of its own and counts their common words, the costly part of the pass.
import { workerData } from 'node:worker_threads'
import SQLite from 'better-sqlite3'
import { serveFromWorker } from '../../platform/worker-stream.js'
import { type CountsWork, countsHere } from './sqlite-prepare.js'

const { path, words, after, until } = workerData as CountsWork
const database = new SQLite(path, { readonly: true })
try {
  await serveFromWorker(countsHere(database, words, after, until), undefined, (counts) =>
    Object.values(counts).map((array) => array.buffer),
  )
} finally {
  database.close()
}
