import { createReadStream, statSync } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { createGunzip } from 'node:zlib'
import type { PaperRecord } from '../../papers/model.js'
import { parseSnapshotLine } from '../parse/arxiv-snapshot.js'
import type { IngestRequest, PaperSource, Problem, SourceBatch, SourceContext } from '../source.js'

// Lines per upsert: big enough to amortise a transaction, small enough to keep memory flat.
const LINES_PER_BATCH = 2000

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
      const lines = createInterface({ input: (await isGzip(file)) ? raw.pipe(createGunzip()) : raw, crlfDelay: Infinity })
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
        for await (const line of lines) {
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
        lines.close()
        raw.destroy()
      }
      yield batch()
    },
  }
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
