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
export function checkpointInBackground(path: string): { stop(): Promise<void> } {
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
