import addressparser from 'nodemailer/lib/addressparser'
import { encodeWord, encodeWords, foldLines, quoteString } from 'nodemailer/lib/mime-funcs'

/**
 * A list email's bytes as they go on the wire (RFC 5322, CRLF lines), built here rather than by
 * nodemailer's MIME tree: its two parts come quoted-printable encoded already (quoted-printable.ts,
 * once per preference set), so all that is left per message is a few header lines and a fixed
 * multipart frame around the parts. nodemailer then only carries the bytes (`raw`).
 */
export interface RawMessage {
  /** Header fields in order, each `Name: value` (folded with CRLF + space where long), no CRLF at the end. */
  headers: string[]
  /** The body: the multipart/alternative frame and both parts; in DKIM's relaxed form as it is. */
  body: string
}

/**
 * The multipart boundary, the same in every message: `=_` never occurs in quoted-printable text
 * (an `=` there is followed by two hex digits or a line break), so no part can hold it (RFC 2045 §6.7).
 */
const BOUNDARY = '=_paperboy_alternative'
const PART_HEAD = (type: string) =>
  `Content-Type: ${type}; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n`
const TEXT_HEAD = `--${BOUNDARY}\r\n${PART_HEAD('text/plain')}`
const HTML_HEAD = `\r\n--${BOUNDARY}\r\n${PART_HEAD('text/html')}`
const TAIL = `\r\n--${BOUNDARY}--\r\n`
const CONTENT_TYPE = `Content-Type: multipart/alternative; boundary="${BOUNDARY}"`

/** A plain mailbox: printable ASCII with one `@`, nothing a header or SMTP command could be split at. */
const PLAIN_ADDRESS = /^[\x21-\x7e]+@[a-zA-Z0-9.-]+$/
const isPlainAddress = (address: string) =>
  PLAIN_ADDRESS.test(address) && !/[<>()[\]\\,;:"@]/.test(address.slice(0, address.lastIndexOf('@')))

/** The sender, parsed once: its header form and its address for the envelope. */
export interface Sender {
  header: string
  address: string
}

/** The From header of `from` (`"Name" <a@b>` or `a@b`), the name encoded as nodemailer encodes it. */
export function senderOf(from: string): Sender | null {
  const [first] = addressparser(from, { flatten: true })
  if (!first?.address || !isPlainAddress(first.address)) return null
  const name = first.name
  const phrase = /^[\w ]*$/.test(name)
    ? name
    : /^[\x20-\x7e]*$/.test(name)
      ? quoteString(name)
      : encodeWord(name, 'Q', 52)
  return {
    header: foldLines(`From: ${phrase ? `${phrase} <${first.address}>` : first.address}`, 76),
    address: first.address,
  }
}

export interface RawMessageInput {
  from: Sender
  /** A plain mailbox (see `canSendRaw`). */
  to: string
  subject: string
  messageId: string
  date: Date
  /** Extra header fields, values as written: one line each, no CR or LF. */
  headers: Record<string, string>
  text: string
  html: string
}

/** Whether `to` can go in a raw message: a plain ASCII mailbox (anything else goes through nodemailer). */
export const canSendRaw = (to: string) => isPlainAddress(to)

/** The message's header fields and body; throws on a header value that would start another field. */
export function rawMessage(m: RawMessageInput): RawMessage {
  const fields: Record<string, string> = { ...m.headers, 'Message-ID': m.messageId }
  for (const [name, value] of Object.entries(fields)) {
    if (/[\r\n]/.test(value) || !/^[\x21-\x39\x3b-\x7e]+$/.test(name))
      throw new Error(`header ${name} is not one line (a line break, or a bad name)`)
  }
  if (!isPlainAddress(m.to)) throw new Error('the recipient is not a plain address')
  const subject = /[\x00-\x08\x0a-\x1f\x7f]/.test(m.subject)
    ? encodeWord(m.subject, 'Q', 52)
    : encodeWords(m.subject, 'Q', 52)
  const headers = [
    m.from.header,
    `To: ${m.to}`,
    foldLines(`Subject: ${subject}`, 76),
    `Date: ${m.date.toUTCString().replace(/GMT$/, '+0000')}`,
    `Message-ID: ${m.messageId}`,
    ...Object.entries(m.headers).map(([name, value]) => `${name}: ${value}`),
    'MIME-Version: 1.0',
    CONTENT_TYPE,
  ]
  return { headers, body: TEXT_HEAD + m.text + HTML_HEAD + m.html + TAIL }
}

/** The bytes of a message: its header fields, a blank line, its body. */
export const messageBytes = (headers: readonly string[], body: string) => `${headers.join('\r\n')}\r\n\r\n${body}`
