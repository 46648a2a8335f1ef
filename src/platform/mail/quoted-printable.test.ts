import { simpleParser } from 'mailparser'
import { describe, expect, it } from 'vitest'
import { encodeQuotedPrintablePieces, joinQuotedPrintable } from './quoted-printable.js'

const TOKEN = 'PLACEHOLDER'

/** A text/plain message around an encoded body, as a mail client would read it. */
const decoded = async (body: string) =>
  (
    await simpleParser(
      `Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${body}`,
    )
  ).text

describe('a part encoded once and sent with a different token each time', () => {
  it('decodes to the text with the token in every gap, in lines of at most 76 characters', async () => {
    const text = [
      `Héllo “reader” · ${'a long paragraph of words '.repeat(12)}`,
      '.a line that starts with a dot, and one that ends in a space ',
      'two  spaces,\ttabs\t\tand   three spaces ',
      `https://papers.example.org/digest/unsubscribe?s=${TOKEN}`,
      `<a href="https://papers.example.org/digest/preview?s=${TOKEN}">${'x'.repeat(200)}</a>${TOKEN}`,
      'the end',
    ].join('\n')
    const pieces = encodeQuotedPrintablePieces(text.split(TOKEN))
    for (const token of ['12.abcdefghijklmnopqrstuv', '987654321.ABC_def-ghi']) {
      const body = joinQuotedPrintable(pieces, token)
      expect(await decoded(body)).toBe(text.replaceAll(TOKEN, token))
      expect(Math.max(...body.split('\r\n').map((line) => line.length))).toBeLessThanOrEqual(76)
      expect(body).not.toMatch(/[^\r]\n/)
      // Already in DKIM's relaxed body form: no whitespace run, no whitespace ending a line.
      expect(body).not.toMatch(/\t| (?: |\r\n|$)/)
    }
  })

  it('encodes a text without gaps as one piece', async () => {
    const body = joinQuotedPrintable(encodeQuotedPrintablePieces(['no token here']), 'unused')
    expect(body).toBe('no token here')
  })
})
