// A helper sender (sender.ts, `startHelper`): drains the digest outbox beside the main sender, with a
// database connection and an SMTP pool of its own, and posts its counts when the queue is empty.
import { parentPort, workerData } from 'node:worker_threads'
import { sql } from 'kysely'
import pino from 'pino'
import { connect } from '../platform/db/connect.js'
import { createMailer } from '../platform/mail/mailer.js'
import type { MailSettings } from '../platform/mail/settings.js'
import { drainOutbox, type SenderRun } from './sender.js'

const { databaseUrl, mail, from, run, logLevel } = workerData as {
  databaseUrl: string
  mail: MailSettings
  from: string
  run: SenderRun
  logLevel: string
}
const logger = pino({ level: logLevel })
const db = connect(databaseUrl)
// A helper reads one window at a time: a 4 MB page cache serves it, where the site's 32 MB would be
// filled once the database outgrows it and add to the process's memory for nothing.
if (db.dialect === 'sqlite') await sql`pragma cache_size = -4096`.execute(db.kysely)
const mailer = createMailer(mail, from, logger)
try {
  parentPort!.postMessage(await drainOutbox({ db, mailer, logger, site: run.site }, run))
} finally {
  mailer.close()
  await db.close()
}
