import { encode, wrap } from 'nodemailer/lib/qp'

/**
 * A text part encoded once and sent many times with a few words changed: its fixed pieces are
 * encoded as quoted-printable (nodemailer's encoder) on their own and ended by a soft line break, so
 * that the words between them (a subscriber's link token) are encoded alone for each message and the
 * part is never encoded whole again. Soft line breaks add nothing to the decoded text, and every
 * line stays within quoted-printable's 76 characters.
 */
export function encodeQuotedPrintablePieces(pieces: readonly string[]): string[] {
  return pieces.map((piece) => `${encodeQuotedPrintable(piece)}=\r\n`)
}

/** The whole part's quoted-printable body: the encoded pieces with `between` (encoded) in every gap. */
export function joinQuotedPrintable(encodedPieces: readonly string[], between: string): string {
  const gap = `${encodeQuotedPrintable(between)}=\r\n`
  let out = encodedPieces[0] ?? ''
  for (let i = 1; i < encodedPieces.length; i++) out += gap + encodedPieces[i]
  // The last soft line break leads nowhere.
  return out.endsWith('=\r\n') ? out.slice(0, -3) : out
}

/**
 * Text as quoted-printable in CRLF lines of at most 76 characters, already in DKIM's relaxed body
 * form (RFC 6376 §3.4.4): tabs and the second and later spaces of a run are encoded, as a space
 * before a line break is by the encoder, so no line holds two whitespace characters in a row or ends
 * in one, and a signer hashes the part as it is.
 */
export function encodeQuotedPrintable(text: string): string {
  return wrap(
    encode(text.replace(/\r?\n/g, '\r\n'))
      .replace(/\t/g, '=09')
      .replace(/ (?= )/g, '=20'),
    76,
  )
}
