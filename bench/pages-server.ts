// The server under load for `bench pages`: the real app on a given database, plus a bare Hono
// route mounted outside the app's middleware, as the framework's ceiling on this machine.
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import pino from 'pino'
import { importCompiled } from './compiled.js'

const { createApp } = await importCompiled<typeof import('../src/app.js')>('app.js')
const { loadConfig } = await importCompiled<typeof import('../src/config.js')>('config.js')
const { connect } = await importCompiled<typeof import('../src/platform/db/connect.js')>('platform/db/connect.js')

const config = loadConfig({ DATABASE_URL: process.env.DATABASE_URL, PORT: process.env.PORT, LOG_LEVEL: 'silent' })
const db = connect(config.databaseUrl)
const root = new Hono()
root.get('/__bare', (c) => c.text('ok'))
root.route('/', createApp({ config, db, logger: pino({ level: 'silent' }) }))
serve({ fetch: root.fetch, port: config.port }, () => process.stdout.write('ready\n'))
