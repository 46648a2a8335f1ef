// A worker thread of the corpus generator: reads the listings once, then renders the ranges of
// lines it is sent, in the order they come.
import { parentPort } from 'node:worker_threads'
import { createAuthorPool } from './authors.js'
import { createCalendar } from './calendar.js'
import { loadListings } from './listings.js'
import { renderLines, type Material } from './paper.js'
import { LineRangeSchema, type WorkerMessage } from './protocol.js'

const port = parentPort
if (port === null) throw new Error('bench/corpus/worker.ts runs only as a worker thread')
const ready = prepare()

port.on('message', async (message: unknown) => {
  const range = LineRangeSchema.parse(message)
  const material = await ready
  // Encoded here and handed over without a copy, so the writing thread only writes.
  const bytes = new TextEncoder().encode(renderLines(material, range))
  port.postMessage({ type: 'lines', bytes } satisfies WorkerMessage, [bytes.buffer])
})

async function prepare(): Promise<Material> {
  const listings = await loadListings()
  const material = {
    listings,
    authors: createAuthorPool(listings.namesByFrequency),
    submissionOf: createCalendar(),
  }
  port!.postMessage({ type: 'ready' } satisfies WorkerMessage)
  return material
}
