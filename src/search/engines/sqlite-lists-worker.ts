// A thread of prepareLists (sqlite-prepare.ts): ranks its share of the common words on a read-only
// connection of its own, which WAL lets run beside the writer, and hands each list back to be kept.
import { workerData } from 'node:worker_threads'
import { connect } from '../../platform/db/connect.js'
import { serveFromWorker } from '../../platform/worker-stream.js'
import { makeList, type StoredList } from './sqlite-lists.js'

export interface ListsWork {
  path: string
  keys: string[]
  size: number
}

export interface MadeList {
  key: string
  list: StoredList
}

const { path, keys, size } = workerData as ListsWork
const db = connect(`sqlite:${path}`, { readOnly: true })

async function* made(): AsyncIterable<MadeList> {
  for (const key of keys) yield { key, list: await makeList(db, key, size) }
}

try {
  // As far ahead as it likes (each list ~36 KB): the reader is busy with FTS5's merge meanwhile.
  await serveFromWorker(made(), Number.POSITIVE_INFINITY)
} finally {
  await db.close()
}
