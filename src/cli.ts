import { createServer } from 'node:http'
import { Command, CommanderError } from 'commander'
import { adminCreateCommand, adminPromoteCommand, readPassword } from './admin/command.js'
import { createRequestListener } from './app.js'
import { ConfigError, loadConfig } from './config.js'
import { startDigestSchedule } from './digest/schedule.js'
import { alertsSendCommand, alertsStatusCommand, parseCadence } from './alerts/command.js'
import { startInstantAlerts } from './alerts/instant.js'
import { startAlertSchedule } from './alerts/schedule.js'
import { helperSenders } from './digest/sender.js'
import { loadDigestSettings, unsubscribeMailbox } from './digest/settings.js'
import { createMailer, defaultFrom } from './platform/mail/mailer.js'
import { loadMailSettings } from './platform/mail/settings.js'
import { digestStatusCommand, parseFrequency, type SendFlags, sendCommand } from './digest/command.js'
import { type IngestFlags, ingestCommand, prepareIngest, statusCommand } from './ingest/command.js'
import { startMissingFieldsCompletion } from './ingest/missing-fields.js'
import { createPaperLookup } from './ingest/on-demand.js'
import { createSources } from './ingest/registry.js'
import { arxivMissingSource } from './ingest/sources/arxiv-missing.js'
import { startIngestSchedule } from './ingest/schedule.js'
import { loadIngestSettings } from './ingest/settings.js'
import { migrateToLatest } from './migrations.js'
import { importCommand, isPartial } from './papers/huggingface/import-command.js'
import { demoLoadCommand, demoRemoveCommand } from './papers/demo/command.js'
import { loadDemoIfEmpty, removeDemoIfReplaced } from './papers/demo/demo-set.js'
import { connect, type ConnectOptions, type Db } from './platform/db/connect.js'
import { createLogger } from './platform/log.js'
import { UsageError } from './platform/usage-error.js'
import { fetchThumbnailsCommand, parseThumbnailLimit } from './previews/command.js'
import { createThumbnailClient } from './previews/fetch-thumbnails.js'
import { startThumbnailFetching } from './previews/schedule.js'
import { type ReindexFlags, reindexCommand } from './search/command.js'
import { indexDueSince, writeWholeIndex } from './search/deferred-index.js'
import { searchInWorkers } from './search/engine.js'
import { loadSearchSettings } from './search/settings.js'
import { rebuildVectors } from './search/vectors/rebuild.js'
import { deliverCommand } from './webhooks/command.js'
import { startWebhookDelivery } from './webhooks/schedule.js'
import { loadWebhookSettings } from './webhooks/settings.js'

/** Exit statuses, as `paperboy --help` lists them. */
const EXIT_FAILED = 1
const EXIT_USAGE = 2
const EXIT_PARTIAL = 3

const program = new Command('paperboy')
  .description('A self-hostable home for research papers: daily papers, paper pages and a Hugging Face-compatible API.')
  // A mistake on the command line is one line on stderr and status 2, like any other usage error;
  // set before the commands are added, so that each of them inherits it.
  .exitOverride()
  .configureOutput({
    outputError: (message, write) => write(`paperboy: ${oneLine(message.replace(/^error: /, ''))}\n`),
  })
  .addHelpText(
    'after',
    `\nExit status: 0 done; ${EXIT_FAILED} failed; ${EXIT_USAGE} a mistake in the command's arguments; ` +
      `${EXIT_PARTIAL} import skipped some files or items (the rest landed).`,
  )

program
  .command('serve')
  .description('migrate the database, load the demo set into an empty catalog, and serve the site')
  .action(async () => {
    const config = loadConfig()
    const ingest = loadIngestSettings()
    const digestSettings = loadDigestSettings()
    const mail = loadMailSettings()
    const webhookSettings = loadWebhookSettings()
    const logger = createLogger(config)
    // The server's commits never wait on a checkpoint's fsync (platform/db/checkpoints.ts).
    const db = await openDatabase(config.databaseUrl, true, { backgroundCheckpoints: true })
    const indexDue = await indexDueSince(db)
    if (indexDue) {
      logger.info(`A bulk load begun at ${indexDue} stopped before writing the search index: writing it now`)
      await writeWholeIndex(db)
    }
    const replaced = await removeDemoIfReplaced(db)
    if (replaced) logger.info(`Real featured papers are here: removed the demo set (${replaced.deleted} papers)`)
    const loaded = await loadDemoIfEmpty(db, new Date().toISOString().slice(0, 10))
    if (loaded > 0) {
      logger.info(`Empty catalog: loaded ${loaded} demo papers, featured today (paperboy demo remove takes them out)`)
      // A second to train the model of meaning on the demo set, so its paper pages show similar papers.
      await rebuildVectors(db)
    }
    // Searches run in worker threads with read-only connections: none holds the event loop.
    const searches = searchInWorkers(db, config.databaseUrl, loadSearchSettings())
    const sources = createSources(ingest)
    const lookup = createPaperLookup(db, sources.arxivClient, ingest.arxivApiUrl, { logger })
    const from = defaultFrom(mail, config.siteName, config.baseUrl)
    const mailer = createMailer(mail, from, logger)
    const listener = createRequestListener({ config, db, logger, lookup, mailer })
    const schedule = startIngestSchedule(db, ingest, sources, logger)
    const site = { name: config.siteName, baseUrl: config.baseUrl }
    const helpers = helperSenders(digestSettings.senders, config.databaseUrl, mail, from)
    const mailbox = unsubscribeMailbox(digestSettings, mail, config.baseUrl)
    const digests = startDigestSchedule(
      {
        db,
        mailer,
        logger,
        site,
        helpers,
        leaseMs: digestSettings.leaseMs,
        unsubscribeMailbox: mailbox,
      },
      digestSettings,
      logger,
    )
    const instantAlerts = startInstantAlerts({ db, mailer, logger, site, unsubscribeMailbox: mailbox })
    const alerts = startAlertSchedule({ db, mailer, logger, site, unsubscribeMailbox: mailbox }, digestSettings)
    const missing = arxivMissingSource(db, sources.arxivClient, ingest.arxivApiUrl)
    const completion = startMissingFieldsCompletion(db, missing, logger)
    const thumbnails = startThumbnailFetching(db, createThumbnailClient(), logger)
    const webhooks = startWebhookDelivery(
      { db, mailer, logger, site, allowPrivate: webhookSettings.allowPrivate },
      logger,
    )
    const server = createServer(listener).listen(config.port, () => {
      logger.info(`${config.siteName} is running at ${config.baseUrl} (database: ${db.dialect})`)
    })
    server.on('error', (err: NodeJS.ErrnoException) => {
      fail(err.code === 'EADDRINUSE' ? `port ${config.port} is already in use; set PORT to another port` : err.message)
    })
    const stop = () => {
      logger.info('Shutting down')
      schedule.stop()
      digests.stop()
      instantAlerts.stop()
      alerts.stop()
      completion.stop()
      thumbnails.stop()
      webhooks.stop()
      if ('closeIdleConnections' in server) server.closeIdleConnections()
      server.close(
        () =>
          void searches
            .stop()
            .then(() => db.close())
            .then(() => process.exit(0)),
      )
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
  .addHelpText(
    'after',
    `\nA bad file or item is reported on stderr and skipped, the rest lands, and the exit status is ${EXIT_PARTIAL}.`,
  )
  .action(async (path: string) => {
    const config = loadConfig()
    const db = await openDatabase(config.databaseUrl)
    try {
      if (isPartial(await importCommand(db, path))) process.exitCode = EXIT_PARTIAL
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
  .option('--missing', 'arxiv-api: complete the papers that lack authors, categories or dates')
  .option('--file <path>', 'snapshot file (JSON lines, plain or .gz)')
  .option('--base-url <url>', "the source's address: a mirror or a local test server")
  .action(async (source: string, flags: IngestFlags) => {
    const config = loadConfig()
    const prepared = source === 'status' ? null : prepareIngest(loadIngestSettings(), source, flags)
    const db = await openDatabase(config.databaseUrl)
    try {
      if (prepared) await ingestCommand(db, prepared)
      else await statusCommand(db)
    } finally {
      await db.close()
    }
  })

const demo = program
  .command('demo')
  .description('load or remove the bundled demo set (96 papers on one day; it steps aside for real papers by itself)')

demo
  .command('load')
  .description('feature the demo set today, on a site without real featured papers')
  .action(async () => {
    const db = await openDatabase(loadConfig().databaseUrl)
    try {
      await demoLoadCommand(db, new Date().toISOString().slice(0, 10))
    } finally {
      await db.close()
    }
  })

demo
  .command('remove')
  .description('remove the demo set: its day, and its papers unless a real source featured them too')
  .action(async () => {
    const db = await openDatabase(loadConfig().databaseUrl)
    try {
      await demoRemoveCommand(db)
    } finally {
      await db.close()
    }
  })

program
  .command('reindex')
  .description(
    'rebuild the search index from the catalog (writes keep it up to date; this is for repairs and upgrades)',
  )
  .option('--vectors', 'also retrain the model of meaning and re-embed every paper (similar papers)')
  .action(async (flags: ReindexFlags) => {
    const db = await openDatabase(loadConfig().databaseUrl)
    try {
      await reindexCommand(db, flags)
    } finally {
      await db.close()
    }
  })

const digest = program.command('digest').description('the email digest of trending papers')
digest
  .command('send')
  .description('send the period’s digest to every subscriber now (serve sends on its schedule)')
  .requiredOption('--period <daily|weekly>', 'which digest')
  .option('--dry-run', 'say what would be sent, send nothing')
  .option('--to <email>', 'send one copy to this address only, recording nothing')
  .action(async (flags: SendFlags) => {
    parseFrequency(flags.period)
    const config = loadConfig()
    const db = await openDatabase(config.databaseUrl)
    try {
      await sendCommand(db, config, createLogger(config), flags)
    } finally {
      await db.close()
    }
  })
digest
  .command('status')
  .description('per period: digests queued, sent, skipped and failed')
  .action(async () => {
    const db = await openDatabase(loadConfig().databaseUrl)
    try {
      await digestStatusCommand(db)
    } finally {
      await db.close()
    }
  })

const alerts = program.command('alerts').description('alerts of new papers for what members follow')
alerts
  .command('send')
  .description(
    'make the cadence’s batch of alerts now and send queued alert emails (serve does both on ingest and on its schedule)',
  )
  .requiredOption('--cadence <instant|daily|weekly>', 'which batch')
  .option('--dry-run', 'say how many alerts the batch would hold; record and send nothing')
  .action(async (flags: { cadence: string; dryRun?: boolean }) => {
    parseCadence(flags.cadence)
    const config = loadConfig()
    const db = await openDatabase(config.databaseUrl)
    try {
      await alertsSendCommand(db, config, createLogger(config), flags)
    } finally {
      await db.close()
    }
  })
alerts
  .command('status')
  .description('the latest alert batches: emails queued, sent, skipped and failed')
  .action(async () => {
    const db = await openDatabase(loadConfig().databaseUrl)
    try {
      await alertsStatusCommand(db)
    } finally {
      await db.close()
    }
  })

program
  .command('thumbnails')
  .description("papers' thumbnails, copied from their source and served from here")
  .command('fetch')
  .description('copy pending thumbnails now (serve does this in the background every 20 minutes)')
  .option('--limit <n>', 'most thumbnails to fetch in this run (default: 200)')
  .action(async (flags: { limit?: string }) => {
    const limit = parseThumbnailLimit(flags.limit)
    const db = await openDatabase(loadConfig().databaseUrl)
    try {
      await fetchThumbnailsCommand(db, limit)
    } finally {
      await db.close()
    }
  })

program
  .command('webhooks')
  .description("members' webhooks (Slack, Discord, Matrix, JSON) that carry their alerts")
  .command('deliver')
  .description('send every due webhook delivery now (serve does this every few seconds)')
  .action(async () => {
    const config = loadConfig()
    const db = await openDatabase(config.databaseUrl)
    try {
      await deliverCommand(db, config, createLogger(config))
    } finally {
      await db.close()
    }
  })

const admin = program.command('admin').description('admin accounts: the first account is one; these make more')

admin
  .command('create')
  .description('create a confirmed admin account (the password is read from stdin, or asked for)')
  .requiredOption('--username <name>', 'the new account’s username')
  .requiredOption('--email <address>', 'its email address (confirmed: no link is mailed)')
  .action(async (flags: { username: string; email: string }) => {
    const config = loadConfig()
    const password = await readPassword()
    const db = await openDatabase(config.databaseUrl)
    try {
      console.log(await adminCreateCommand(db, { ...flags, password }, new Date().toISOString()))
    } finally {
      await db.close()
    }
  })

admin
  .command('promote')
  .description('make an existing member an admin')
  .argument('<username>', 'the member’s username')
  .action(async (username: string) => {
    const db = await openDatabase(loadConfig().databaseUrl)
    try {
      console.log(await adminPromoteCommand(db, username))
    } finally {
      await db.close()
    }
  })

async function openDatabase(url: string, migrate = true, options?: ConnectOptions): Promise<Db> {
  let db: Db | undefined
  try {
    db = connect(url, options)
    if (migrate) await migrateToLatest(db)
    else await db.kysely.selectNoFrom((eb) => eb.lit(1).as('ok')).execute()
  } catch (error) {
    await db?.close().catch(() => {})
    throw new Error(`cannot open the database (${url.replace(/\/\/[^@/]*@/, '//…@')}): ${(error as Error).message}`)
  }
  return db
}

/** Commander's message with its hint ("Did you mean …?") on the same line. */
function oneLine(message: string): string {
  return message.trim().replace(/\s*\n\s*/g, ' ')
}

function fail(message: string, status = EXIT_FAILED): never {
  process.stderr.write(`paperboy: ${message}\n`)
  process.exit(status)
}

program.parseAsync().catch((error: unknown) => {
  // Commander has written its one line already (or the help, for --help and --version).
  if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : EXIT_USAGE)
  if (error instanceof ConfigError) fail(error.message)
  if (error instanceof UsageError) fail(error.message, EXIT_USAGE)
  const e = error as NodeJS.ErrnoException
  if (e.code === 'ENOENT') fail(`no such file or folder: ${e.path ?? ''}`)
  fail(e.message ?? String(error))
})
