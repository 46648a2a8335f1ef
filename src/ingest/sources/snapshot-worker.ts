// The snapshot source's parsing thread: reads and parses lines while the main thread writes the
// previous batch, and runs at most BATCHES_AHEAD batches ahead of it so memory stays flat.
import { parentPort, workerData } from 'node:worker_threads'
import { readSnapshotBatches } from './snapshot-lines.js'

const BATCHES_AHEAD = 2

const { file, skip } = workerData as { file: string; skip: number }
const port = parentPort!
let credits = BATCHES_AHEAD
let wake = () => {}
port.on('message', () => {
  credits++
  wake()
})

try {
  for await (const batch of readSnapshotBatches(file, skip)) {
    while (credits === 0) await new Promise<void>((resolve) => (wake = resolve))
    credits--
    port.postMessage({ batch })
  }
  port.postMessage({ done: true })
} catch (error) {
  port.postMessage({ error: (error as Error).message })
}
