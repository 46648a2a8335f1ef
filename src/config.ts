import { existsSync } from 'node:fs'
import { z } from 'zod'

/** An http(s) address without trailing slashes, for any setting or option that names a server. */
export const httpUrl = z
  .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
  .transform((u) => u.replace(/\/+$/, ''))

/** The core settings; each feature reads its own through `readSettings` (ingest/settings.ts). */
const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .default('sqlite:./data/paperboy.db')
    .refine((v) => /^(sqlite:.+|postgres(ql)?:\/\/.+)$/.test(v), {
      message: 'must be sqlite:<path> or postgres://…',
    }),
  BASE_URL: httpUrl.optional(),
  SITE_NAME: z.string().trim().min(1).max(80).default('Paperboy'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ACCESS_LOG: z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .default('true')
    .transform((v) => v === 'true'),
  // Rate limits shared by every instance behind one load balancer; absent, each process keeps its own.
  REDIS_URL: z
    .string()
    .trim()
    .refine((s) => s === '' || /^rediss?:\/\/.+/.test(s), 'must be redis://host:port')
    .transform((s) => s || undefined)
    .optional(),
  // Behind a reverse proxy, X-Forwarded-For names the reader's address (for rate limits by IP).
  TRUST_PROXY: z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .default('false')
    .transform((v) => v === 'true'),
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
  /** One info line per HTTP request (method, path, status, time). */
  accessLog: boolean
  /** Opens the admin pages to whoever presents it; null keeps them hidden (404). */
  adminToken: string | null
  /** Where rate limits are counted when several instances share them; null: in this process. */
  redisUrl: string | null
  /** Whether X-Forwarded-For is believed (the site runs behind a reverse proxy). */
  trustProxy: boolean
}>

export class ConfigError extends Error {}

/**
 * The one reader of process.env: reads the variables `settings` names from `env`, after filling
 * gaps from `.env` when that file exists, or throws a ConfigError naming the first wrong one.
 */
export function readSettings<T>(settings: z.ZodType<T>, env: NodeJS.ProcessEnv = process.env, envFile = '.env'): T {
  if (env === process.env && existsSync(envFile)) process.loadEnvFile(envFile)
  const parsed = settings.safeParse(env)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new ConfigError(`Invalid setting ${String(issue.path[0])}: ${issue.message}`)
  }
  return parsed.data
}

/** The core settings, frozen; everything else receives them as an argument. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, envFile = '.env'): Config {
  const v = readSettings(schema, env, envFile)
  return Object.freeze({
    port: v.PORT,
    databaseUrl: v.DATABASE_URL,
    baseUrl: (v.BASE_URL ?? `http://localhost:${v.PORT}`).replace(/\/+$/, ''),
    siteName: v.SITE_NAME,
    logLevel: v.LOG_LEVEL,
    accessLog: v.ACCESS_LOG,
    adminToken: v.ADMIN_TOKEN ?? null,
    redisUrl: v.REDIS_URL ?? null,
    trustProxy: v.TRUST_PROXY,
  })
}
