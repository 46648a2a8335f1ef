// The benchmarks' SMTP sink, in a process of its own as a real mail server would be: an smtp-server that
// reads every message to its end and keeps only how many each recipient got. Started by startSmtpSink();
// tells its parent the port, and answers "count" with how many messages it has read and "recipients"
// with the count per recipient.
import { fork } from 'node:child_process'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { SMTPServer } from 'smtp-server'

export interface SmtpSink {
  url: string
  /** How many messages the sink has read to their end. */
  received(): Promise<number>
  /** How many messages each recipient (lower-cased) got. */
  recipients(): Promise<Map<string, number>>
  close(): Promise<void>
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], { execArgv: ['--import', 'tsx'] })
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port))
    child.once('exit', (code) => reject(new Error(`the SMTP sink exited (${code})`)))
  })
  const ask = (question: string) =>
    new Promise<unknown>((resolve) => {
      child.once('message', resolve)
      child.send(question)
    })
  return {
    url: `smtp://127.0.0.1:${port}`,
    received: async () => ((await ask('count')) as { count: number }).count,
    recipients: async () =>
      new Map(Object.entries(((await ask('recipients')) as { recipients: Record<string, number> }).recipients)),
    close: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve())
        child.kill()
      }),
  }
}

if (process.argv.includes('--serve')) {
  let count = 0
  const recipients: Record<string, number> = {}
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      stream.on('data', () => {})
      stream.on('end', () => {
        count++
        for (const { address } of session.envelope.rcptTo) {
          const key = address.toLowerCase()
          recipients[key] = (recipients[key] ?? 0) + 1
        }
        callback()
      })
    },
  })
  // A client killed mid-message resets its connection; the server reports it and serves the next one.
  server.on('error', () => {})
  server.listen(0, '127.0.0.1', () => process.send!({ port: (server.server.address() as AddressInfo).port }))
  process.on('message', (question) => process.send!(question === 'recipients' ? { recipients } : { count }))
}
