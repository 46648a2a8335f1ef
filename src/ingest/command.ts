import { SingleBar } from 'cli-progress'
import { parseDay } from '../papers/period.js'
import type { Db } from '../platform/db/connect.js'
import { UsageError } from '../platform/usage-error.js'
import { runIngest, type RunSummary } from './pipeline.js'
import { createSources } from './registry.js'
import { isSourceName, type IngestSettings, parseBaseUrl } from './settings.js'
import { type IngestRequest, type PaperSource, SOURCE_NAMES } from './source.js'
import { arxivMissingSource } from './sources/arxiv-missing.js'
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

/** A run the command line asked for, checked before the database is opened. */
export interface PreparedIngest {
  source: PaperSource
  request: IngestRequest
  feature: boolean
  /** `--missing`: the papers lacking authors, categories or dates, which only the database knows. */
  missing?: (db: Db) => PaperSource
}

const MAX_PROBLEMS_SHOWN = 20

/**
 * Checks `paperboy ingest <source>`'s arguments and throws a UsageError for a mistake in them, so
 * that a typo is a one-line message rather than a failed run in the records (or five retries of
 * an address no source can fetch).
 */
export function prepareIngest(settings: IngestSettings, name: string, flags: IngestFlags): PreparedIngest {
  if (!isSourceName(name)) {
    throw new UsageError(`unknown source "${name}": use one of ${SOURCE_NAMES.join(', ')}, or "status"`)
  }
  for (const option of ['from', 'until', 'date'] as const) {
    const day = flags[option]
    if (day !== undefined && !parseDay(day)) {
      throw new UsageError(`--${option} must be a day as YYYY-MM-DD, not "${day}"`)
    }
  }
  let baseUrl: string | undefined
  if (flags.baseUrl !== undefined) {
    const parsed = parseBaseUrl(flags.baseUrl)
    if ('error' in parsed) throw new UsageError(parsed.error)
    baseUrl = parsed.url
  }
  if (flags.missing) {
    if (name !== 'arxiv-api') throw new UsageError('--missing applies to arxiv-api only')
    if (flags.ids || flags.query) {
      throw new UsageError('--missing asks for the incomplete papers itself: leave out --ids and --query')
    }
  }
  const sources = createSources(settings)
  const source = sources.get(name, baseUrl)
  const request: IngestRequest = {
    ...(flags.from && { from: flags.from }),
    ...(flags.until && { until: flags.until }),
    ...(flags.set && { set: flags.set }),
    ...(flags.date && { date: flags.date }),
    ...(flags.query && { query: flags.query }),
    ...(flags.file && { file: flags.file }),
    ...(flags.ids && {
      ids: flags.ids
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    }),
    categories: flags.category?.length ? flags.category : settings.categories,
  }
  const feature = settings.feature.includes(name)
  if (flags.missing) {
    const url = baseUrl ?? settings.arxivApiUrl
    return { source, request, feature, missing: (db) => arxivMissingSource(db, sources.arxivClient, url) }
  }
  try {
    source.scope(request) // what a source cannot take (no --file, no --ids) it refuses here
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  return { source, request, feature }
}

/** `paperboy ingest <source>`: one run by hand, with a progress bar on a terminal. */
export async function ingestCommand(db: Db, prepared: PreparedIngest): Promise<RunSummary> {
  const { request, feature } = prepared
  const source = prepared.missing?.(db) ?? prepared.source
  const bar = process.stderr.isTTY
    ? new SingleBar({
        format: '{bar} {percentage}% · {papers} papers · {rate}/s · ETA {eta_formatted}',
        hideCursor: true,
        etaBuffer: 50,
      })
    : null
  const started = performance.now()
  let barStarted = false
  const summary = await runIngest(db, source, request, {
    trigger: 'manual',
    feature,
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
  for (const p of summary.problems.slice(0, MAX_PROBLEMS_SHOWN))
    process.stderr.write(`skipped ${p.where}: ${p.reason}\n`)
  const notShown = summary.skipped - Math.min(summary.problems.length, MAX_PROBLEMS_SHOWN)
  if (notShown > 0) process.stderr.write(`… and ${notShown} more\n`)
  const seconds = (performance.now() - started) / 1000
  console.log(
    `${source.name}: ${summary.added} new, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.skipped} skipped in ${seconds.toFixed(1)} s (run ${summary.runId})`,
  )
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
    const took = r.finishedAt
      ? `${((Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 1000).toFixed(1)} s`
      : 'running'
    const counts = `${r.added} new, ${r.updated} updated, ${r.unchanged} unchanged, ${r.skipped} skipped`
    console.log(
      `#${r.id} ${r.startedAt} ${r.source} [${r.trigger}] ${r.status} (${took}) ${counts}${r.error ? ` — ${r.error}` : ''}`,
    )
  }
}
