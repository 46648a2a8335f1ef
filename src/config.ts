import { existsSync } from 'node:fs'
import { z } from 'zod'

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
})

export type Config = Readonly<{
  port: number
  databaseUrl: string
  baseUrl: string
  siteName: string
  logLevel: z.infer<typeof schema>['LOG_LEVEL']
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
  })
}
