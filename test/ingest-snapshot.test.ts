import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeEach, expect, it } from 'vitest'
import { runIngest } from '../src/ingest/pipeline.js'
import { LINES_PER_BATCH, snapshotSource } from '../src/ingest/sources/snapshot.js'
import { loadPosition, savePosition } from '../src/ingest/store.js'
import { describeEachDatabase } from './support/db.js'
import { catalogIds, emptyCatalog, recording } from './support/ingest.js'

/** arXiv's Kaggle snapshot, plain and gzipped, with a bad line, cut short, and interrupted. */
const HEAD_2023 = recording('arxiv-snapshot/arxiv-metadata-oai-snapshot_head-200_2023-05.jsonl')
const HEAD_2025 = recording('arxiv-snapshot/arxiv-metadata-oai-snapshot_head-200_2025-10.jsonl')
const LINES = readFileSync(HEAD_2025, 'utf8').split('\n').filter(Boolean)
const IDS = LINES.map((line) => (JSON.parse(line) as { id: string }).id).sort()
const BIG_FILE_LINES = LINES_PER_BATCH + 400 // more than one batch of the source

const dir = mkdtempSync(join(tmpdir(), 'paperboy-snapshot-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function tempFile(name: string, content: string | Buffer): string {
  const file = join(dir, name)
  writeFileSync(file, content)
  return file
}

/** The real lines, repeated under new ids (0705.0001, …) until there are `count` of them. */
function bigSnapshot(count: number): { file: string; ids: string[] } {
  const ids: string[] = []
  const lines = Array.from({ length: count }, (_, i) => {
    const line = JSON.parse(LINES[i % LINES.length]!) as { id: string }
    line.id = `0705.${String(i + 1).padStart(4, '0')}`
    ids.push(line.id)
    return JSON.stringify(line)
  })
  return { file: tempFile(`big-${count}.jsonl`, `${lines.join('\n')}\n`), ids: ids.sort() }
}

describeEachDatabase('ingest from the arXiv snapshot', (db) => {
  const manual = { trigger: 'manual', feature: false } as const
  beforeEach(() => emptyCatalog(db()))

  it('lands every line of both recorded heads; the second changes nothing', async () => {
    const first = await runIngest(db(), snapshotSource(), { file: HEAD_2023 }, manual)
    expect(first).toMatchObject({ status: 'ok', added: 200, updated: 0, skipped: 0 })
    // The 2025 head writes three lines' authors as raw UTF-8 instead of \u escapes: same values.
    const second = await runIngest(db(), snapshotSource(), { file: HEAD_2025 }, manual)
    expect(second).toMatchObject({ status: 'ok', added: 0, updated: 0, unchanged: 200, skipped: 0 })
    expect(await catalogIds(db())).toEqual(IDS)
  })

  it('reads a gzipped copy the same as the plain file', async () => {
    const gz = tempFile('head-2025.jsonl.gz', gzipSync(readFileSync(HEAD_2025)))
    expect(await runIngest(db(), snapshotSource(), { file: gz }, manual)).toMatchObject({
      status: 'ok',
      added: 200,
      skipped: 0,
    })
    expect(await runIngest(db(), snapshotSource(), { file: HEAD_2025 }, manual)).toMatchObject({
      status: 'ok',
      added: 0,
      unchanged: 200,
    })
  })

  it('reports a bad line with its line number and reason, and lands the lines around it', async () => {
    const file = tempFile(
      'with-bad-line.jsonl',
      [...LINES.slice(0, 100), '{"id": "0704.0101", "title": ', ...LINES.slice(100)].join('\n'),
    )
    const run = await runIngest(db(), snapshotSource(), { file }, manual)
    expect(run).toMatchObject({ status: 'ok', added: 200, skipped: 1 })
    expect(run.problems).toEqual([{ where: 'line 101', reason: expect.stringMatching(/JSON/) }])
    expect(await catalogIds(db())).toEqual(IDS)
  })

  it('fails a truncated gzip file with a clear error', async () => {
    const whole = gzipSync(readFileSync(HEAD_2025))
    const file = tempFile('truncated.jsonl.gz', whole.subarray(0, Math.floor(whole.length / 2)))
    const run = await runIngest(db(), snapshotSource(), { file }, manual)
    expect(run).toMatchObject({ status: 'failed', failed: 1 })
    expect(run.error).toMatch(
      new RegExp(`^${file.replaceAll('.', '\\.')} is a damaged gzip file \\(after line \\d+\\)$`),
    )
  })

  it('fails a run without a file, recorded like any failed run', async () => {
    const run = await runIngest(db(), snapshotSource(), {}, manual)
    expect(run).toMatchObject({
      status: 'failed',
      error: 'snapshot needs --file <arxiv-metadata-oai-snapshot.json[.gz]>',
    })
  })

  it('resumes after the last batch that landed when a run is stopped, repeating nothing', async () => {
    const { file, ids } = bigSnapshot(BIG_FILE_LINES)
    const stop = new AbortController()
    const source = snapshotSource()
    const scope = source.scope({ file })
    const stopped = await runIngest(
      db(),
      source,
      { file },
      { ...manual, signal: stop.signal, onBatch: () => stop.abort() },
    )
    expect(stopped).toMatchObject({ status: 'failed', added: LINES_PER_BATCH })
    expect(await loadPosition(db(), 'snapshot', scope)).toBe(String(LINES_PER_BATCH))
    expect(await catalogIds(db())).toEqual(ids.slice(0, LINES_PER_BATCH))

    const resumed = await runIngest(db(), snapshotSource(), { file }, manual)
    expect(resumed).toMatchObject({ status: 'ok', added: BIG_FILE_LINES - LINES_PER_BATCH, updated: 0, unchanged: 0 })
    expect(await catalogIds(db())).toEqual(ids)
    expect(await loadPosition(db(), 'snapshot', scope)).toBeNull()
  })

  it('resumes a gzipped file from a stored position', async () => {
    const { ids } = bigSnapshot(BIG_FILE_LINES)
    const file = tempFile('big.jsonl.gz', gzipSync(readFileSync(join(dir, `big-${BIG_FILE_LINES}.jsonl`))))
    const source = snapshotSource()
    await savePosition(db(), 'snapshot', source.scope({ file }), String(LINES_PER_BATCH))
    const run = await runIngest(db(), source, { file }, manual)
    expect(run).toMatchObject({ status: 'ok', added: BIG_FILE_LINES - LINES_PER_BATCH })
    expect(await catalogIds(db())).toEqual(ids.slice(LINES_PER_BATCH))
  })
})
