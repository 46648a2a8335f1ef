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
 * records; each batch's position is the number of lines read so far.
 */
export async function* readSnapshotBatches(file: string, skip: number): AsyncIterable<SourceBatch> {
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
    for await (const line of linesOf(input)) {
      lineNumber++
      if (lineNumber <= skip || !line.trim()) continue
      const parsed = parseSnapshotLine(line, lineNumber)
      if ('record' in parsed) records.push(parsed.record)
      else problems.push(parsed.problem)
      if (records.length + problems.length >= LINES_PER_BATCH) yield batch()
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

/**
 * The lines of a stream. Pulling chunks with `for await` keeps the stream's backpressure, so
 * memory stays flat whatever the file's size (readline's line events would queue up unread).
 */
async function* linesOf(input: NodeJS.ReadableStream): AsyncIterable<string> {
  const decoder = new TextDecoder('utf-8')
  let rest = ''
  for await (const chunk of input) {
    const text = rest + (typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true }))
    const lines = text.split('\n')
    rest = lines.pop()!
    yield* lines
  }
  rest += decoder.decode()
  if (rest) yield rest
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
