// A worker for test/worker-stream.test.ts: yields the numbers from `from` to `to`, failing at `failAt`.
import { workerData } from 'node:worker_threads'
import { serveFromWorker } from '../../src/platform/worker-stream.js'

const { from, to, failAt } = workerData as { from: number; to: number; failAt?: number }

function* numbers() {
  for (let n = from; n <= to; n++) {
    if (n === failAt) throw new Error(`failed at ${n}`)
    yield { n, bytes: new Float64Array([n]) }
  }
}

await serveFromWorker(numbers(), undefined, (item) => [item.bytes.buffer])
