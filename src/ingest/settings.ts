import { z } from 'zod'
import { httpUrl, readSettings } from '../config.js'
import { isCron } from '../platform/jobs/cron.js'
import { SOURCE_NAMES, type SourceName } from './source.js'

const sourceList = z
  .string()
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  )
  .refine((list) => list.every(isSourceName), `must list sources among ${SOURCE_NAMES.join(', ')}`)
  .transform((list) => list as SourceName[])

const schema = z.object({
  INGEST_SOURCES: sourceList
    .default(['arxiv-rss', 'hf-daily'])
    .refine(
      (list) => !list.includes('snapshot'),
      'snapshot is imported by hand (paperboy ingest snapshot --file), not scheduled',
    ),
  INGEST_FEATURE: sourceList.default(['hf-daily']),
  INGEST_CATEGORIES: z
    .string()
    .default('cs.AI,cs.CL,cs.CV,cs.LG,stat.ML')
    .transform((s) =>
      s
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean),
    )
    .refine(
      (list) => list.every((c) => /^[a-z-]+(\.[A-Za-z-]+)?$/.test(c)),
      'must be arXiv categories like cs.LG,stat.ML',
    ),
  // arXiv announces new papers at 20:00 US Eastern (00:00 or 01:00 UTC), Sunday to Thursday.
  INGEST_SCHEDULE: z
    .string()
    .default('30 1,7,13,19 * * *')
    .refine((s) => isCron(s), 'must be a cron expression such as "30 1 * * *"'),
  ARXIV_API_URL: httpUrl.default('https://export.arxiv.org/api/query'),
  ARXIV_OAI_URL: httpUrl.default('https://oaipmh.arxiv.org/oai'),
  ARXIV_RSS_URL: httpUrl.default('https://rss.arxiv.org'),
  HF_API_URL: httpUrl.default('https://huggingface.co'),
  // arXiv's terms of use: no more than one request every three seconds.
  ARXIV_DELAY_MS: z.coerce.number().int().min(0).max(600_000).default(3000),
})

export type IngestSettings = Readonly<{
  sources: SourceName[]
  feature: SourceName[]
  categories: string[]
  schedule: string
  arxivApiUrl: string
  arxivOaiUrl: string
  arxivRssUrl: string
  hfApiUrl: string
  arxivDelayMs: number
}>

/** The ingest's settings (INGEST_*, the sources' addresses, ARXIV_DELAY_MS), frozen. */
export function loadIngestSettings(env?: NodeJS.ProcessEnv): IngestSettings {
  const v = readSettings(schema, env)
  return Object.freeze({
    sources: v.INGEST_SOURCES,
    feature: v.INGEST_FEATURE,
    categories: v.INGEST_CATEGORIES,
    schedule: v.INGEST_SCHEDULE,
    arxivApiUrl: v.ARXIV_API_URL,
    arxivOaiUrl: v.ARXIV_OAI_URL,
    arxivRssUrl: v.ARXIV_RSS_URL,
    hfApiUrl: v.HF_API_URL,
    arxivDelayMs: v.ARXIV_DELAY_MS,
  })
}

export function isSourceName(name: string): name is SourceName {
  return (SOURCE_NAMES as readonly string[]).includes(name)
}

/** A `--base-url` as the source will use it, or an error message saying what is wrong with it. */
export function parseBaseUrl(value: string): { url: string } | { error: string } {
  const parsed = httpUrl.safeParse(value)
  return parsed.success ? { url: parsed.data } : { error: `--base-url ${parsed.error.issues[0]!.message}: ${value}` }
}
