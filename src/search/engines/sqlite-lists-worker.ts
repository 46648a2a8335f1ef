// The thread of prepareLists (sqlite-prepare.ts) that makes the lists: it scores what the threads
// it starts count, each on a read-only connection of its own, which WAL lets run beside the
// writer's merge, and hands back progress, then each common word's list.
import { workerData } from 'node:worker_threads'
import SQLite from 'better-sqlite3'
import { serveFromWorker } from '../../platform/worker-stream.js'
import { countsInThreads, type ListsMessage, type ListsWork, passOverPapers } from './sqlite-prepare.js'

const { path, words, size, threads } = workerData as ListsWork
const database = new SQLite(path, { readonly: true })
try {
  // As far ahead as it likes: the reader is busy with FTS5's merge meanwhile, and each message
  // holds what the pass has made already; a list's arrays move (at 2.7M papers, ~360 MB of lists).
  const pass = passOverPapers(database, words, size, countsInThreads(path, words, threads))
  const moved = (message: ListsMessage) =>
    'list' in message ? [message.list.rowids.buffer, message.list.impacts.buffer] : []
  await serveFromWorker(pass, Number.POSITIVE_INFINITY, moved)
} finally {
  database.close()
}
