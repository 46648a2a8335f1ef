import type { AddressInfo } from 'node:net'
import { simpleParser } from 'mailparser'
import pino from 'pino'
import { SMTPServer } from 'smtp-server'
import { createMailer, type Mailer } from '../../src/platform/mail/mailer.js'

/**
 * A real SMTP server for tests (npm smtp-server on a free local port) that keeps every message it
 * receives, parsed by mailparser. Mail reaches it through the site's own nodemailer Mailer, so a
 * test sees exactly what a reader's inbox would:
 *
 *   const smtp = await startSmtpSink()
 *   const app = createApp({ …, mailer: smtp.mailer })
 *   … sign up as ada@lab.org …
 *   const mail = await smtp.nextMessageTo('ada@lab.org')
 *   const link = mail.links.find((l) => l.includes('/account/verify'))
 *   await smtp.close()
 */
export interface ReceivedMail {
  /** The envelope recipients (lower-cased). */
  to: string[]
  from: string
  subject: string
  text: string
  html: string | null
  /** Every http(s) address in the text part, in order. */
  links: string[]
  headers: Map<string, unknown>
  /** The message as it arrived, for checks that need its bytes (a DKIM signature). */
  raw: Buffer
}

export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>`: give it to a Mailer as SMTP_URL. */
  url: string
  /** A Mailer that sends through this server, as the site does with SMTP_URL set. */
  mailer: Mailer
  /** Every message received so far, oldest first. */
  messages: ReceivedMail[]
  /**
   * The next message to `address` not yet taken by an earlier call (already received or still to
   * come); rejects after `timeoutMs` (default 5 s) so that a missing email fails the test clearly.
   */
  nextMessageTo(address: string, timeoutMs?: number): Promise<ReceivedMail>
  /** Messages to `address` received so far (taken or not). */
  messagesTo(address: string): ReceivedMail[]
  close(): Promise<void>
}

export interface SmtpSinkOptions {
  /**
   * The server's answer to a recipient, for fault tests: e.g. `550` (a permanent rejection) or `451`
   * (try again later); undefined accepts it.
   */
  answerTo?: (address: string) => number | undefined
}

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const messages: ReceivedMail[] = []
  const taken = new Set<ReceivedMail>()
  const waiters: { address: string; resolve: (m: ReceivedMail) => void }[] = []

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'], // plain local connections; nodemailer would otherwise try TLS
    logger: false,
    onRcptTo(address, _session, callback) {
      const code = options.answerTo?.(address.address.toLowerCase())
      if (code === undefined) return callback()
      const error = new Error(code >= 500 ? 'No such mailbox here' : 'Try again later') as Error & {
        responseCode: number
      }
      error.responseCode = code
      callback(error)
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      new Promise<Buffer>((resolve, reject) => {
        stream.on('end', () => resolve(Buffer.concat(chunks)))
        stream.on('error', reject)
      })
        .then(async (raw) => ({ raw, parsed: await simpleParser(raw) }))
        .then(({ raw, parsed }) => {
          const text = parsed.text ?? ''
          const mail: ReceivedMail = {
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            subject: parsed.subject ?? '',
            text,
            html: typeof parsed.html === 'string' ? parsed.html : null,
            links: text.match(/https?:\/\/[^\s<>"]+/g) ?? [],
            headers: parsed.headers,
            raw,
          }
          messages.push(mail)
          const waiter = waiters.findIndex((w) => mail.to.includes(w.address))
          if (waiter >= 0) {
            taken.add(mail)
            waiters.splice(waiter, 1)[0]!.resolve(mail)
          }
          callback()
        })
        .catch((error: Error) => callback(error))
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  const url = `smtp://127.0.0.1:${port}`
  const mailer = createMailer(
    { smtpUrl: url, from: null, outboxDir: '' },
    '"Paperboy" <no-reply@papers.example.org>',
    pino({ level: 'silent' }),
  )

  return {
    url,
    mailer,
    messages,
    messagesTo: (address) => messages.filter((m) => m.to.includes(address.toLowerCase())),
    nextMessageTo(address, timeoutMs = 5000) {
      const key = address.toLowerCase()
      const waiting = messages.find((m) => !taken.has(m) && m.to.includes(key))
      if (waiting) {
        taken.add(waiting)
        return Promise.resolve(waiting)
      }
      return new Promise((resolve, reject) => {
        const waiter = { address: key, resolve: (m: ReceivedMail) => (clearTimeout(timer), resolve(m)) }
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1)
          reject(new Error(`no email to ${address} arrived within ${timeoutMs} ms`))
        }, timeoutMs)
        waiters.push(waiter)
      })
    },
    async close() {
      mailer.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
