// `npm run dev`: the site with a web inbox. Starts MailDev (npm maildev) on this machine only, then
// `paperboy serve` with SMTP_URL pointed at it, so that every email the site sends (account links,
// digest confirmations, the digests themselves) is read at the inbox's address instead of being
// written to ./data/outbox/. Ctrl+C stops both.
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { connect } from 'node:net'
import { join, resolve } from 'node:path'

const SMTP_PORT = 1025
const INBOX_PORT = 1080
const HOST = '127.0.0.1'
/** MailDev takes a few seconds to start on a busy machine; past this it is not coming. */
const START_TIMEOUT_MS = 60_000

const root = resolve(import.meta.dirname, '..')
const maildevBin = join(root, 'node_modules', '.bin', 'maildev')
if (!existsSync(maildevBin)) {
  process.stderr.write('dev: MailDev is not installed; run npm install first\n')
  process.exit(1)
}

const children: ChildProcess[] = []
const stopAll = (code: number) => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM')
  process.exitCode = code
}
process.once('SIGINT', () => stopAll(0))
process.once('SIGTERM', () => stopAll(0))

const maildev = spawn(
  maildevBin,
  ['--smtp', String(SMTP_PORT), '--web', String(INBOX_PORT), '--ip', HOST, '--web-ip', HOST],
  { stdio: ['ignore', 'ignore', 'inherit'] },
)
children.push(maildev)
maildev.once('exit', (code) => {
  process.stderr.write(`dev: MailDev stopped (exit ${code}); is port ${SMTP_PORT} or ${INBOX_PORT} taken?\n`)
  stopAll(code || 1)
})

await untilListening(SMTP_PORT)
process.stdout.write(`\nMailDev inbox: http://localhost:${INBOX_PORT} — every email the site sends lands there.\n\n`)
const serve = spawn(process.execPath, [join(root, 'bin', 'paperboy.js'), 'serve'], {
  stdio: 'inherit',
  env: { ...process.env, SMTP_URL: `smtp://${HOST}:${SMTP_PORT}` },
})
children.push(serve)
serve.once('exit', (code) => stopAll(code ?? 0))

/** Resolves once something accepts connections on `port`; exits after START_TIMEOUT_MS. */
async function untilListening(port: number): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS
  for (;;) {
    const open = await new Promise<boolean>((done) => {
      const socket = connect(port, HOST)
      socket.once('connect', () => done(socket.end() !== null))
      socket.once('error', () => done(false))
    })
    if (open) return
    if (Date.now() > deadline) {
      process.stderr.write(`dev: MailDev did not start listening on ${HOST}:${port} within a minute\n`)
      stopAll(1)
      process.exit(1)
    }
    await new Promise((r) => setTimeout(r, 250))
  }
}
