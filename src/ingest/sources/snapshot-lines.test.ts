import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, describe, expect, it } from 'vitest'
import { SHARED } from '../../../test/support/env.js'
import { readSnapshotBatches } from './snapshot-lines.js'

const RECORDED = readFileSync(`${SHARED}data/arxiv-snapshot/arxiv-metadata-oai-snapshot_head-200_2025-10.jsonl`)
const LINES = RECORDED.toString('utf8').split('\n').filter(Boolean)
const dir = mkdtempSync(join(tmpdir(), 'paperboy-snapshot-lines-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function readAll(content: Buffer, name = 'lines.jsonl', skip = 0) {
  const file = join(dir, name)
  writeFileSync(file, content)
  const records = []
  const problems = []
  for await (const batch of readSnapshotBatches(file, skip)) {
    records.push(...batch.records)
    problems.push(...(batch.problems ?? []))
  }
  return { records, problems }
}

const line = (i: number, edit: (l: Record<string, unknown>) => void = () => {}) => {
  const parsed = JSON.parse(LINES[i]!) as Record<string, unknown>
  edit(parsed)
  return JSON.stringify(parsed)
}

describe('the snapshot line reader', () => {
  it('reads a line longer than the stream’s chunks, and non-ASCII text cut at a chunk’s edge', async () => {
    // 300,000 characters: several of the file stream's 64 KB chunks, ending in two-byte characters.
    const long = 'Schrödinger '.repeat(25_000).trim()
    const content = Buffer.from(`${line(0)}\n${line(1, (l) => (l.abstract = long))}\n${line(2)}\n`)
    const { records, problems } = await readAll(content)
    expect(problems).toEqual([])
    expect(records.map((r) => r.id)).toEqual(['0704.0001', '0704.0002', '0704.0003'])
    expect(records[1]!.abstract).toBe(long)
  })

  it('reads a last line without its newline, a byte-order mark and blank lines', async () => {
    const content = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${line(0)}\n\n \n${line(1)}`)])
    const { records, problems } = await readAll(content)
    expect(problems).toEqual([])
    expect(records.map((r) => r.id)).toEqual(['0704.0001', '0704.0002'])
  })

  it('numbers lines as the file does, gzipped or not, after the lines skipped', async () => {
    const content = Buffer.from([line(0), 'not json', line(1), '{"id": 1}', line(2)].join('\n'))
    for (const [name, bytes] of [
      ['plain.jsonl', content],
      ['gzipped.jsonl.gz', gzipSync(content)],
    ] as const) {
      const { records, problems } = await readAll(bytes, name, 1)
      expect(records.map((r) => r.id)).toEqual(['0704.0002', '0704.0003'])
      expect(problems.map((p) => p.where)).toEqual(['line 2', 'line 4'])
    }
  })

  it('reads the recorded head whole, each paper as it is parsed alone', async () => {
    const { records, problems } = await readAll(RECORDED)
    expect(problems).toEqual([])
    expect(records).toHaveLength(200)
  })
})
