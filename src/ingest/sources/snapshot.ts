import { createReadStream, statSync } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { createGunzip } from 'node:zlib'
import type { PaperRecord } from '../../papers/model.js'
import { parseSnapshotLine } from '../parse/arxiv-snapshot.js'
import type { IngestRequest, PaperSource, Problem, SourceBatch, SourceContext } from '../source.js'

// Lines per upsert: big enough to amortise a transaction, small enough to keep memory flat.
export const LINES_PER_BATCH = 1000

/**
 * arXiv's bulk metadata snapshot (JSON lines, plain or gzipped), streamed in constant memory. The
 * position is the number of lines landed, so an interrupted import resumes after the last batch;
 * the scope names the file with its size, so a different file never inherits a position.
 */
export function snapshotSource(): PaperSource {
  return {
    name: 'snapshot',
    scope: (r) => `${resolve(requireFile(r))} ${statSync(requireFile(r)).size}`,
    async *batches(request: IngestRequest, context: SourceContext): AsyncIterable<SourceBatch> {
      const file = requireFile(request)
      const { size } = await stat(file)
      const skip = context.position ? Number(context.position) : 0
      const raw = createReadStream(file)
      const input = (await isGzip(file)) ? raw.pipe(createGunzip()) : raw
      let lineNumber = 0
      let records: PaperRecord[] = []
      let problems: Problem[] = []
      const batch = (): SourceBatch => {
        const out = { records, problems, position: String(lineNumber), progress: { done: raw.bytesRead, total: size, unit: 'bytes' } }
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
          context.signal?.throwIfAborted()
        }
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code
        if (code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR') throw new Error(`${file} is a damaged gzip file (after line ${lineNumber})`)
        throw error
      } finally {
        input.destroy()
        raw.destroy()
      }
      yield batch()
    },
  }
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

function requireFile(r: IngestRequest): string {
  if (!r.file) throw new Error('snapshot needs --file <arxiv-metadata-oai-snapshot.json[.gz]>')
  return r.file
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
