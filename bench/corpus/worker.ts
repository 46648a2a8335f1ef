// A worker thread of the corpus generator: reads the listings once, then renders the ranges of
// lines it is sent, in the order they come.
import { parentPort } from 'node:worker_threads'
import { gzipSync } from 'node:zlib'
import { createAuthorPool } from './authors.js'
import { createCalendar } from './calendar.js'
import { loadListings } from './listings.js'
import { renderLines, type Material } from './paper.js'
import { RenderRequestSchema, type WorkerMessage } from './protocol.js'

/** zlib's fastest level: it packs the text 2.5×, the default (6) only 2.8× in twice the time. */
const GZIP_LEVEL = 1

const port = parentPort
if (port === null) throw new Error('bench/corpus/worker.ts runs only as a worker thread')
const ready = prepare()

port.on('message', async (message: unknown) => {
  const { gzip, ...range } = RenderRequestSchema.parse(message)
  const material = await ready
  const lines = renderLines(material, range)
  if (gzip) {
    // Each range is one gzip member, compressed here in parallel; a gzip file is a series of
    // members (RFC 1952), so the writer only concatenates.
    const bytes = gzipSync(lines, { level: GZIP_LEVEL })
    port.postMessage({ type: 'lines', bytes } satisfies WorkerMessage)
  } else {
    // Handed over without a copy, so the writing thread only writes.
    port.postMessage({ type: 'lines', bytes: lines } satisfies WorkerMessage, [lines.buffer])
  }
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
