import { startWorker } from '../worker-stream.js'

/**
 * How often the background checkpointer copies the WAL into the database file. At the vote storm's
 * pace (some 4,000 WAL pages a second) a pass has a few MB to sync.
 */
const CHECKPOINT_INTERVAL_MS = 250

/**
 * Checkpoints the SQLite database at `path` from a worker thread, with a connection of its own
 * (docs/decisions/0033-the-vote-path.md). A checkpoint syncs the WAL and the database file: left to
 * the connection that commits (SQLite's automatic checkpoint, every `wal_autocheckpoint` pages),
 * that fsync stopped the event loop for 50–100 ms every few seconds under the vote storm, the
 * spikes of its p99. A PASSIVE checkpoint from another connection runs beside the writer and its
 * readers. The server's connection keeps its automatic checkpoint as the fallback: should this
 * thread fall behind or fail, the WAL still stays bounded. Durability is unchanged: a commit is in
 * the WAL before it is acknowledged, wherever the checkpoint runs.
 */
function checkpointInBackground(path: string): { stop(): Promise<void> } {
  const worker = startWorker(new URL('./checkpoint-worker.js', import.meta.url), {
    workerData: { path, intervalMs: CHECKPOINT_INTERVAL_MS },
  })
  // A thread that cannot open the file leaves the checkpoints to the server's connection.
  worker.on('error', () => {})
  // Never what keeps the process alive.
  worker.unref()
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
  return {
    async stop() {
      // Awaited by shutdown: an unref'd thread would let the process end with this await unsettled
      // (exit code 13) before the thread has closed its connection.
      worker.ref()
      worker.postMessage('stop')
      await exited
    },
  }
}

/** A SQLite connection's background checkpointer: always running (the server's), or while some work runs. */
export interface Checkpoints {
  /** Runs `work` with the WAL checkpointed from the thread, started for it if it is not running. */
  during<T>(work: () => Promise<T>): Promise<T>
  stop(): Promise<void>
}

/**
 * The checkpointer of the database file at `path`, started now when `always`, else only for the
 * length of the work given to `during`. A bulk load runs under it (papers/write/bulk-load.ts): left
 * to its own commits, the load's connection stopped every ~40 MB of WAL to copy it into the file
 * and sync both, while the second core had time to spare.
 */
export function checkpointsOf(path: string, always: boolean): Checkpoints {
  let thread = always ? checkpointInBackground(path) : null
  let users = 0
  return {
    async during(work) {
      if (always) return work()
      if (users++ === 0) thread = checkpointInBackground(path)
      try {
        return await work()
      } finally {
        if (--users === 0) {
          const stopping = thread
          thread = null
          await stopping?.stop()
        }
      }
    },
    async stop() {
      await thread?.stop()
      thread = null
    },
  }
}
