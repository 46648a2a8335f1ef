// The benchmarks' SMTP sink, in a process of its own as a real mail server would be: an smtp-server that
// reads every message to its end and forgets it. Started by startSmtpSink(); tells its parent the port,
// and answers "count" with how many messages it has read.
import { fork } from 'node:child_process'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { SMTPServer } from 'smtp-server'

export interface SmtpSink {
  url: string
  received(): Promise<number>
  close(): Promise<void>
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], { execArgv: ['--import', 'tsx'] })
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port))
    child.once('exit', (code) => reject(new Error(`the SMTP sink exited (${code})`)))
  })
  return {
    url: `smtp://127.0.0.1:${port}`,
    received: () =>
      new Promise((resolve) => {
        child.once('message', (m) => resolve((m as { count: number }).count))
        child.send('count')
      }),
    close: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve())
        child.kill()
      }),
  }
}

if (process.argv.includes('--serve')) {
  let count = 0
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => {})
      stream.on('end', () => {
        count++
        callback()
      })
    },
  })
  server.listen(0, '127.0.0.1', () => process.send!({ port: (server.server.address() as AddressInfo).port }))
  process.on('message', () => process.send!({ count }))
}
