import { randomBytes } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import nodemailer, { type SendMailOptions } from 'nodemailer'
import type { Logger } from 'pino'
import { dkimSigner } from './dkim.js'
import { canSendRaw, messageBytes, rawMessage, senderOf } from './raw-message.js'
import type { MailSettings } from './settings.js'

/** A text part already encoded as quoted-printable (src/platform/mail/quoted-printable.ts), sent as it is. */
export interface EncodedPart {
  quotedPrintable: string
}

export interface MailMessage {
  to: string
  subject: string
  text: string | EncodedPart
  html?: string | EncodedPart
  /**
   * Extra headers (`List-Unsubscribe`, …); nodemailer rejects line breaks in them. A `prepared` value
   * is sent as written (already valid ASCII: no encoded-words, which would break `List-Id`).
   */
  headers?: Record<string, string | { prepared: true; value: string }>
  /** `<unique@host>`; nodemailer makes one when absent. */
  messageId?: string
}

/** The one way the site sends mail: account emails now, digests later. */
export interface Mailer {
  send(message: MailMessage): Promise<{ messageId: string }>
  close(): void
}

// Our mail is Latin text and markup, for which nodemailer would choose quoted-printable anyway after
// counting the characters of every part of every message; saying so spares a digest run that scan.
const TEXT_ENCODING = 'quoted-printable' as const
/** Connections a pool keeps to the SMTP server (nodemailer's default is 5). */
export const POOL_CONNECTIONS = 16

/**
 * SMTP through nodemailer when SMTP_URL is set (pooled connections); otherwise every message is
 * built exactly as it would be sent and written to OUTBOX_DIR as an `.eml` file and logged, so a
 * development install loses no mail and a developer can open what a reader would get.
 *
 * A message whose two parts come encoded (the digest's and alerts' list emails) is built here as
 * raw bytes and DKIM-signed here (raw-message.ts, dkim.ts), and nodemailer only carries it; other
 * mail (account emails) is composed and signed by nodemailer.
 */
export function createMailer(settings: MailSettings, from: string, logger: Logger): Mailer {
  const sender = senderOf(from)
  const signRaw = settings.dkim ? dkimSigner(settings.dkim) : null
  // The message as nodemailer should take it: raw bytes with their envelope, or the parts to compose.
  const prepare = (message: MailMessage): SendMailOptions & { messageId?: string } => {
    // A line break in the recipient would start another header or SMTP command: refused, whatever builds it.
    if (/[\r\n]/.test(message.to)) throw new Error('the recipient holds a line break')
    const { text, html } = message
    if (
      sender &&
      typeof text !== 'string' &&
      html !== undefined &&
      typeof html !== 'string' &&
      canSendRaw(message.to)
    ) {
      const date = new Date()
      const messageId = message.messageId ?? `<${randomBytes(16).toString('hex')}@${sender.address.split('@')[1]}>`
      const headers = Object.fromEntries(
        Object.entries(message.headers ?? {}).map(([name, v]) => [name, typeof v === 'string' ? v : v.value]),
      )
      const raw = rawMessage({
        from: sender,
        to: message.to,
        subject: message.subject,
        messageId,
        date,
        headers,
        text: text.quotedPrintable,
        html: html.quotedPrintable,
      })
      const signature = signRaw ? [signRaw(raw.headers, raw.body, date)] : []
      return {
        envelope: { from: sender.address, to: [message.to] },
        raw: messageBytes([...signature, ...raw.headers], raw.body),
        messageId,
      }
    }
    return {
      from,
      textEncoding: TEXT_ENCODING,
      ...withRawParts(message),
      ...(settings.dkim && { dkim: settings.dkim }),
    }
  }
  if (settings.smtpUrl) {
    const transport = nodemailer.createTransport({
      url: settings.smtpUrl,
      pool: true,
      // A digest run keeps a window of 16 messages in flight per sender; each message waits on several
      // SMTP round trips, so the pace is set by how many connections carry them, not by the CPU.
      maxConnections: POOL_CONNECTIONS,
    } as Parameters<typeof nodemailer.createTransport>[0])
    return {
      async send(message) {
        const prepared = prepare(message)
        const info = await transport.sendMail(prepared)
        return { messageId: prepared.raw ? prepared.messageId! : info.messageId }
      },
      close: () => transport.close(),
    }
  }
  // Signed as SMTP would sign it, so what lands in the outbox is exactly what would be sent.
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' })
  return {
    async send(message) {
      const prepared = prepare(message)
      const info = await transport.sendMail(prepared)
      await mkdir(settings.outboxDir, { recursive: true })
      const file = join(
        settings.outboxDir,
        `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`,
      )
      await writeFile(file, info.message as Buffer)
      logger.info({ subject: message.subject, file }, 'mail written to the outbox')
      return { messageId: prepared.raw ? prepared.messageId! : info.messageId }
    },
    close: () => transport.close(),
  }
}

/** The message for nodemailer: an encoded part becomes a raw MIME part, its headers and the body as given. */
function withRawParts(message: MailMessage) {
  const part = (type: string, p: string | EncodedPart | undefined) =>
    p === undefined || typeof p === 'string'
      ? p
      : {
          raw: `Content-Type: ${type}; charset=utf-8\r\nContent-Transfer-Encoding: ${TEXT_ENCODING}\r\n\r\n${p.quotedPrintable}`,
        }
  return { ...message, text: part('text/plain', message.text), html: part('text/html', message.html) }
}

/** The From address: MAIL_FROM, or the site's name at no-reply@ the site's host. */
export function defaultFrom(settings: MailSettings, siteName: string, baseUrl: string): string {
  if (settings.from) return settings.from
  return `"${siteName.replace(/["\\\r\n]/g, '')}" <no-reply@${new URL(baseUrl).hostname}>`
}
