import { SingleBar } from 'cli-progress'
import type { Config } from '../config.js'
import type { Db } from '../platform/db/connect.js'
import { runIngest, type RunSummary } from './pipeline.js'
import { createSources } from './registry.js'
import { arxivMissingSource } from './sources/arxiv-missing.js'
import { type IngestRequest, SOURCE_NAMES, type SourceName } from './source.js'
import { recentRuns } from './store.js'

export interface IngestFlags {
  from?: string
  until?: string
  set?: string
  category?: string[]
  date?: string
  query?: string
  ids?: string
  file?: string
  baseUrl?: string
  missing?: boolean
}

const MAX_PROBLEMS_SHOWN = 20

/** `paperboy ingest <source>`: one run by hand, with a progress bar on a terminal. */
export async function ingestCommand(db: Db, config: Config, name: string, flags: IngestFlags): Promise<RunSummary> {
  if (!(SOURCE_NAMES as readonly string[]).includes(name)) {
    throw new Error(`unknown source "${name}": use one of ${SOURCE_NAMES.join(', ')}, or "status"`)
  }
  const sources = createSources(config.ingest)
  let source = sources.get(name as SourceName, flags.baseUrl)
  if (flags.missing) {
    if (name !== 'arxiv-api') throw new Error('--missing applies to arxiv-api only')
    if (flags.ids || flags.query) throw new Error('--missing asks for the incomplete papers itself: leave out --ids and --query')
    source = arxivMissingSource(db, sources.arxivClient, flags.baseUrl ?? config.ingest.arxivApiUrl)
  }
  const request: IngestRequest = {
    ...(flags.from && { from: flags.from }),
    ...(flags.until && { until: flags.until }),
    ...(flags.set && { set: flags.set }),
    ...(flags.date && { date: flags.date }),
    ...(flags.query && { query: flags.query }),
    ...(flags.file && { file: flags.file }),
    ...(flags.ids && { ids: flags.ids.split(',').map((s) => s.trim()).filter(Boolean) }),
    categories: flags.category?.length ? flags.category : config.ingest.categories,
  }
  const bar = process.stderr.isTTY
    ? new SingleBar({ format: '{bar} {percentage}% · {papers} papers · {rate}/s · ETA {eta_formatted}', hideCursor: true, etaBuffer: 50 })
    : null
  const started = performance.now()
  let barStarted = false
  const summary = await runIngest(db, source, request, {
    trigger: 'manual',
    feature: config.ingest.feature.includes(source.name),
    onBatch(batch, totals) {
      if (!bar || !batch.progress?.total) return
      const papers = totals.added + totals.updated + totals.unchanged
      const rate = Math.round(papers / ((performance.now() - started) / 1000))
      if (!barStarted) bar.start(batch.progress.total, 0, { papers, rate })
      barStarted = true
      bar.update(batch.progress.done, { papers, rate })
    },
  })
  bar?.stop()
  for (const p of summary.problems.slice(0, MAX_PROBLEMS_SHOWN)) process.stderr.write(`skipped ${p.where}: ${p.reason}\n`)
  if (summary.problems.length > MAX_PROBLEMS_SHOWN) process.stderr.write(`… and ${summary.problems.length - MAX_PROBLEMS_SHOWN} more\n`)
  const seconds = (performance.now() - started) / 1000
  console.log(`${source.name}: ${summary.added} new, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.skipped} skipped in ${seconds.toFixed(1)} s (run ${summary.runId})`)
  if (summary.status === 'failed') throw new Error(`${source.name} failed: ${summary.error}`)
  return summary
}

/** `paperboy ingest status`: the latest runs, newest first. */
export async function statusCommand(db: Db, limit = 20): Promise<void> {
  const runs = await recentRuns(db, limit)
  if (runs.length === 0) {
    console.log('No ingest runs yet.')
    return
  }
  for (const r of runs) {
    const took = r.finishedAt ? `${((Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 1000).toFixed(1)} s` : 'running'
    const counts = `${r.added} new, ${r.updated} updated, ${r.unchanged} unchanged, ${r.skipped} skipped`
    console.log(`#${r.id} ${r.startedAt} ${r.source} [${r.trigger}] ${r.status} (${took}) ${counts}${r.error ? ` — ${r.error}` : ''}`)
  }
}
