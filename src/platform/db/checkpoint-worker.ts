// The background checkpointer (checkpoints.ts): a connection of its own, in a thread of its own, that
// copies the WAL into the database file so that the server's connection never has to.
import { parentPort, workerData } from 'node:worker_threads'
import SQLite from 'better-sqlite3'

const { path, intervalMs } = workerData as { path: string; intervalMs: number }
// A pass that meets writes arriving while it copied runs again, each pass shorter than the last:
// the WAL restarts from its beginning (and stays small) only once a pass has copied all of it.
const MAX_PASSES = 8

const database = new SQLite(path)
// The checkpoint syncs the WAL, then the database file, whatever this is; NORMAL is the server's.
database.pragma('synchronous = NORMAL')
// This connection only checkpoints: it never reaches its own threshold.
database.pragma('wal_autocheckpoint = 0')

const timer = setInterval(() => {
  try {
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      // PASSIVE: never waits for the server's readers or writer; copies what it can.
      const [result] = database.pragma('wal_checkpoint(PASSIVE)') as {
        busy: number
        log: number
        checkpointed: number
      }[]
      if (!result || result.busy || result.checkpointed >= result.log) break
    }
  } catch {
    // A busy or failing pass leaves the WAL to the next one, or to the server's own threshold.
  }
}, intervalMs)

parentPort!.on('message', () => {
  clearInterval(timer)
  database.close()
  parentPort!.close()
})
