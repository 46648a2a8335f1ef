// The server under load for `bench pages`: the real app on a given database, as `paperboy serve`
// listens with it, plus a bare Hono app on the same server for `/__bare`, as the framework's
// ceiling on this machine.
import { createServer } from 'node:http'
import { getRequestListener } from '@hono/node-server'
import { Hono } from 'hono'
import pino from 'pino'
import { importCompiled } from './compiled.js'

const { createRequestListener } = await importCompiled<typeof import('../src/app.js')>('app.js')
const { loadConfig } = await importCompiled<typeof import('../src/config.js')>('config.js')
const { connect } = await importCompiled<typeof import('../src/platform/db/connect.js')>('platform/db/connect.js')

const config = loadConfig({ DATABASE_URL: process.env.DATABASE_URL, PORT: process.env.PORT, LOG_LEVEL: 'silent' })
const db = connect(config.databaseUrl)
const bare = getRequestListener(new Hono().get('/__bare', (c) => c.text('ok')).fetch)
const app = createRequestListener({ config, db, logger: pino({ level: 'silent' }) })
createServer((req, res) => (req.url === '/__bare' ? bare(req, res) : app(req, res))).listen(config.port, () =>
  process.stdout.write('ready\n'),
)
