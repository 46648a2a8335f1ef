import { createReadStream } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { createGunzip } from 'node:zlib'
import type { PaperRecord } from '../../papers/model.js'
import { parseSnapshotLine } from '../parse/arxiv-snapshot.js'
import type { Problem, SourceBatch } from '../source.js'

// Lines per upsert: big enough to amortise a transaction, small enough to keep memory flat.
export const LINES_PER_BATCH = 1000

/**
 * Reads a snapshot file (plain or gzipped) after its first `skip` lines, in batches of parsed
 * records, `perBatch` lines each (records and problems; blank lines aside); each batch's position
 * is the number of lines read so far.
 */
export async function* readSnapshotBatches(
  file: string,
  skip: number,
  perBatch = LINES_PER_BATCH,
): AsyncIterable<SourceBatch> {
  const { size } = await stat(file)
  const raw = createReadStream(file)
  const input = (await isGzip(file)) ? raw.pipe(createGunzip()) : raw
  let lineNumber = 0
  let records: PaperRecord[] = []
  let problems: Problem[] = []
  const batch = (): SourceBatch => {
    const out = {
      records,
      problems,
      position: String(lineNumber),
      progress: { done: raw.bytesRead, total: size, unit: 'bytes' },
    }
    records = []
    problems = []
    return out
  }
  try {
    for await (const lines of lineChunks(input)) {
      for (const line of lines) {
        lineNumber++
        if (lineNumber <= skip || !line.trim()) continue
        const parsed = parseSnapshotLine(line, lineNumber)
        if ('record' in parsed) records.push(parsed.record)
        else problems.push(parsed.problem)
        if (records.length + problems.length >= perBatch) yield batch()
      }
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR')
      throw new Error(`${file} is a damaged gzip file (after line ${lineNumber})`)
    throw error
  } finally {
    input.destroy()
    raw.destroy()
  }
  yield batch()
}

const NEWLINE = 0x0a
const BOM = '\uFEFF'

/**
 * The lines of a stream, a chunk's worth at a time. Pulling chunks with `for await` keeps the
 * stream's backpressure, so memory stays flat whatever the file's size (readline's line events
 * would queue up unread). Lines are cut at the newline byte, which UTF-8 never uses inside a
 * character, and decoded one by one: an ASCII line stays a one-byte string, where a chunk decoded
 * whole becomes a two-byte string when any of its lines holds a character beyond Latin-1 (most
 * chunks hold one), which JSON.parse reads about twice as slowly. Cutting the chunk's string into
 * lines cost more than parsing them, four times what this costs (docs/decisions/0007-ingest.md).
 */
async function* lineChunks(input: NodeJS.ReadableStream): AsyncIterable<string[]> {
  // The bytes of a line begun in an earlier chunk; a line longer than a chunk spans several.
  let pending: Buffer[] = []
  let first = true
  const decode = (bytes: Buffer, start: number, end: number): string => {
    const line = bytes.toString('utf8', start, end)
    if (!first) return line
    first = false
    // A byte-order mark is no part of the first line (TextDecoder drops it the same way).
    return line.startsWith(BOM) ? line.slice(1) : line
  }
  for await (const chunk of input) {
    const bytes = chunk as Buffer
    const lines: string[] = []
    let start = 0
    for (let end = bytes.indexOf(NEWLINE); end !== -1; end = bytes.indexOf(NEWLINE, start)) {
      if (pending.length > 0) {
        const joined = Buffer.concat([...pending, bytes.subarray(0, end)])
        pending = []
        lines.push(decode(joined, 0, joined.length))
      } else lines.push(decode(bytes, start, end))
      start = end + 1
    }
    if (start < bytes.length) pending.push(bytes.subarray(start))
    yield lines
  }
  if (pending.length > 0) {
    const last = Buffer.concat(pending)
    yield [decode(last, 0, last.length)]
  }
}

async function isGzip(file: string): Promise<boolean> {
  const handle = await open(file, 'r')
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0)
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b
  } finally {
    await handle.close()
  }
}
