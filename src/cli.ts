import { serve } from '@hono/node-server'
import { Command } from 'commander'
import { createApp } from './app.js'
import { ConfigError, loadConfig } from './config.js'
import { type IngestFlags, ingestCommand, statusCommand } from './ingest/command.js'
import { createPaperLookup } from './ingest/on-demand.js'
import { createSources } from './ingest/registry.js'
import { startIngestSchedule } from './ingest/schedule.js'
import { importCommand } from './papers/huggingface/import-command.js'
import { loadDemoIfEmpty } from './papers/demo.js'
import { connect, type Db } from './platform/db/connect.js'
import { migrateToLatest } from './platform/db/migrate.js'
import { createLogger } from './platform/log.js'
import { fetchThumbnailsCommand } from './previews/command.js'
import { createThumbnailClient } from './previews/fetch-thumbnails.js'
import { startThumbnailFetching } from './previews/schedule.js'

const program = new Command('paperboy')
  .description('A self-hostable home for research papers: daily papers, paper pages and a Hugging Face-compatible API.')
  .showHelpAfterError()

program
  .command('serve')
  .description('migrate the database, load the demo set into an empty catalog, and serve the site')
  .action(async () => {
    const config = loadConfig()
    const logger = createLogger(config)
    const db = await openDatabase(config.databaseUrl)
    const loaded = await loadDemoIfEmpty(db, new Date().toISOString().slice(0, 10))
    if (loaded > 0) logger.info(`Empty catalog: loaded ${loaded} demo papers, featured today`)
    const sources = createSources(config.ingest)
    const lookup = createPaperLookup(db, sources.arxivClient, config.ingest.arxivApiUrl)
    const app = createApp({ config, db, logger, lookup })
    const schedule = startIngestSchedule(db, config.ingest, sources, logger)
    const thumbnails = startThumbnailFetching(db, createThumbnailClient(), logger)
    const server = serve({ fetch: app.fetch, port: config.port }, () => {
      logger.info(`${config.siteName} is running at ${config.baseUrl} (database: ${db.dialect})`)
    })
    server.on('error', (err: NodeJS.ErrnoException) => {
      fail(err.code === 'EADDRINUSE' ? `port ${config.port} is already in use; set PORT to another port` : err.message)
    })
    const stop = () => {
      logger.info('Shutting down')
      schedule.stop()
      thumbnails.stop()
      if ('closeIdleConnections' in server) server.closeIdleConnections()
      server.close(() => void db.close().then(() => process.exit(0)))
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })

program
  .command('migrate')
  .description('apply pending database migrations (serve does this too)')
  .action(async () => {
    const config = loadConfig()
    const db = await openDatabase(config.databaseUrl, false)
    const { results } = await migrateToLatest(db)
    const applied = results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? []
    console.log(applied.length > 0 ? `Applied ${applied.join(', ')}` : 'Database is up to date')
    await db.close()
  })

program
  .command('import')
  .description('import Hugging Face daily-papers API responses (a .json file or a folder of them)')
  .argument('<path>', 'a daily_papers JSON file, or a folder of them (imported in name order)')
  .action(async (path: string) => {
    const config = loadConfig()
    const db = await openDatabase(config.databaseUrl)
    try {
      await importCommand(db, path)
    } finally {
      await db.close()
    }
  })

program
  .command('ingest')
  .description('run one ingest source by hand, or show recent runs with "ingest status"')
  .argument('<source>', 'arxiv-api | arxiv-oai | arxiv-rss | hf-daily | snapshot | status')
  .option('--from <day>', 'first day (YYYY-MM-DD) for arxiv-oai and hf-daily')
  .option('--until <day>', 'last day (YYYY-MM-DD) for arxiv-oai and hf-daily')
  .option('--set <set>', 'OAI-PMH set, e.g. cs or physics:hep-th')
  .option('--category <cat...>', 'arXiv categories (default: INGEST_CATEGORIES)')
  .option('--date <day>', 'the day for hf-daily (default: today)')
  .option('--query <query>', 'arXiv API search query, e.g. "cat:cs.LG AND ti:diffusion"')
  .option('--ids <ids>', 'comma-separated arXiv ids for arxiv-api')
  .option('--file <path>', 'snapshot file (JSON lines, plain or .gz)')
  .option('--base-url <url>', "the source's address: a mirror or a local test server")
  .action(async (source: string, flags: IngestFlags) => {
    const config = loadConfig()
    const db = await openDatabase(config.databaseUrl)
    try {
      if (source === 'status') await statusCommand(db)
      else await ingestCommand(db, config, source, flags)
    } finally {
      await db.close()
    }
  })

program
  .command('thumbnails')
  .description("copy papers' thumbnails from their source now (serve does this in the background)")
  .argument('<action>', 'fetch')
  .option('--limit <n>', 'most thumbnails to fetch in this run (default: 200)')
  .action(async (action: string, flags: { limit?: string }) => {
    if (action !== 'fetch') throw new Error(`unknown thumbnails action "${action}": use "thumbnails fetch"`)
    const config = loadConfig()
    const db = await openDatabase(config.databaseUrl)
    try {
      await fetchThumbnailsCommand(db, flags.limit)
    } finally {
      await db.close()
    }
  })

async function openDatabase(url: string, migrate = true): Promise<Db> {
  const db = connect(url)
  try {
    if (migrate) await migrateToLatest(db)
    else await db.kysely.selectNoFrom((eb) => eb.lit(1).as('ok')).execute()
  } catch (error) {
    await db.close().catch(() => {})
    throw new Error(`cannot open the database (${url.replace(/\/\/[^@/]*@/, '//…@')}): ${(error as Error).message}`)
  }
  return db
}

function fail(message: string): never {
  process.stderr.write(`paperboy: ${message}\n`)
  process.exit(1)
}

program.parseAsync().catch((error: unknown) => {
  if (error instanceof ConfigError) fail(error.message)
  const e = error as NodeJS.ErrnoException
  if (e.code === 'ENOENT') fail(`no such file or folder: ${e.path ?? ''}`)
  fail(e.message ?? String(error))
})
