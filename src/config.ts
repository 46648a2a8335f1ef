import { existsSync } from 'node:fs'
import { Cron } from 'croner'
import { z } from 'zod'
import { SOURCE_NAMES, type SourceName } from './ingest/source.js'

const httpUrl = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).transform((u) => u.replace(/\/+$/, ''))
const sourceList = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
  .refine((list) => list.every((x) => (SOURCE_NAMES as readonly string[]).includes(x)), `must list sources among ${SOURCE_NAMES.join(', ')}`)
  .transform((list) => list as SourceName[])

function isCron(expression: string): boolean {
  try {
    new Cron(expression, { paused: true }).stop()
    return true
  } catch {
    return false
  }
}

/** The one reader of process.env: everything else receives a frozen Config. */
const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .default('sqlite:./data/paperboy.db')
    .refine((v) => /^(sqlite:.+|postgres(ql)?:\/\/.+)$/.test(v), {
      message: 'must be sqlite:<path> or postgres://…',
    }),
  BASE_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
  SITE_NAME: z.string().trim().min(1).max(80).default('Paperboy'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  INGEST_SOURCES: sourceList
    .default(['arxiv-rss', 'hf-daily'])
    .refine((list) => !list.includes('snapshot'), 'snapshot is imported by hand (paperboy ingest snapshot --file), not scheduled'),
  INGEST_FEATURE: sourceList.default(['hf-daily']),
  INGEST_CATEGORIES: z
    .string()
    .default('cs.AI,cs.CL,cs.CV,cs.LG,stat.ML')
    .transform((s) => s.split(',').map((c) => c.trim()).filter(Boolean))
    .refine((list) => list.every((c) => /^[a-z-]+(\.[A-Za-z-]+)?$/.test(c)), 'must be arXiv categories like cs.LG,stat.ML'),
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
  // Long enough that guessing it is hopeless; the admin pages do not limit attempts.
  ADMIN_TOKEN: z
    .string()
    .trim()
    .refine((s) => s === '' || s.length >= 24, 'must be at least 24 characters (e.g. openssl rand -hex 24)')
    .transform((s) => s || undefined)
    .optional(),
})

export type Config = Readonly<{
  port: number
  databaseUrl: string
  baseUrl: string
  siteName: string
  logLevel: z.infer<typeof schema>['LOG_LEVEL']
  /** Opens the admin pages to whoever presents it; null keeps them hidden (404). */
  adminToken: string | null
  ingest: Readonly<{
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
}>

export class ConfigError extends Error {}

/** Reads settings from `env`, after filling gaps from `.env` when that file exists. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, envFile = '.env'): Config {
  if (env === process.env && existsSync(envFile)) process.loadEnvFile(envFile)
  const parsed = schema.safeParse(env)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new ConfigError(`Invalid setting ${String(issue.path[0])}: ${issue.message}`)
  }
  const v = parsed.data
  return Object.freeze({
    port: v.PORT,
    databaseUrl: v.DATABASE_URL,
    baseUrl: (v.BASE_URL ?? `http://localhost:${v.PORT}`).replace(/\/+$/, ''),
    siteName: v.SITE_NAME,
    logLevel: v.LOG_LEVEL,
    adminToken: v.ADMIN_TOKEN ?? null,
    ingest: Object.freeze({
      sources: v.INGEST_SOURCES,
      feature: v.INGEST_FEATURE,
      categories: v.INGEST_CATEGORIES,
      schedule: v.INGEST_SCHEDULE,
      arxivApiUrl: v.ARXIV_API_URL,
      arxivOaiUrl: v.ARXIV_OAI_URL,
      arxivRssUrl: v.ARXIV_RSS_URL,
      hfApiUrl: v.HF_API_URL,
      arxivDelayMs: v.ARXIV_DELAY_MS,
    }),
  })
}
