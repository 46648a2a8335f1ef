// The server under load for `bench search`'s served figures: the real app on the benchmark's
// database, with searches run as `paperboy serve` runs them (SEARCH_WORKERS threads; 0: on the
// server's own connection).
import { createServer } from 'node:http'
import pino from 'pino'
import { importCompiled } from './compiled.js'

const { createRequestListener } = await importCompiled<typeof import('../src/app.js')>('app.js')
const { loadConfig } = await importCompiled<typeof import('../src/config.js')>('config.js')
const { connect } = await importCompiled<typeof import('../src/platform/db/connect.js')>('platform/db/connect.js')
const { searchInWorkers } = await importCompiled<typeof import('../src/search/engine.js')>('search/engine.js')
const { loadSearchSettings } = await importCompiled<typeof import('../src/search/settings.js')>('search/settings.js')

const config = loadConfig({ DATABASE_URL: process.env.DATABASE_URL, PORT: process.env.PORT, LOG_LEVEL: 'silent' })
const db = connect(config.databaseUrl, { backgroundCheckpoints: true })
searchInWorkers(db, config.databaseUrl, loadSearchSettings())
const app = createRequestListener({ config, db, logger: pino({ level: 'silent' }) })
createServer(app).listen(config.port, () => process.stdout.write('ready\n'))
