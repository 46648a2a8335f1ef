import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Mailer } from '../src/platform/mail/mailer.js'
import { encodeQuotedPrintable } from '../src/platform/mail/quoted-printable.js'
import { dkimSigning, type DkimVerdict } from './support/dkim.js'
import { type SmtpSink, startSmtpSink } from './support/smtp.js'

/**
 * List emails (digests, alerts) are built as raw bytes by the mailer and signed with its own DKIM
 * signer; account emails are still composed and signed by nodemailer. Both must reach a real SMTP
 * server whole and pass an independent DKIM verifier (mailauth).
 */
describe('the mailer', () => {
  let smtp: SmtpSink
  let signing: { mailer: Mailer; verify: (raw: Buffer) => Promise<DkimVerdict> }
  beforeAll(async () => {
    smtp = await startSmtpSink()
    signing = dkimSigning(smtp.url)
  })
  afterAll(async () => {
    signing.mailer.close()
    await smtp.close()
  })

  // Runs of spaces, tabs, spaces before line breaks and a leading dot: what relaxed canonicalization
  // and SMTP's dot-stuffing change.
  const text = `Hello  two\t\tspaces and tabs \n.a dot starts this line\n${'a long line of words '.repeat(10)}\nend `
  const html = `<p style="color: red">Héllo   “reader”</p>\n<a href="https://papers.example.org/x?s=1.ab_c-d">x</a>`
  const listHeaders = (to: string) => ({
    'List-Id': { prepared: true as const, value: '"Paperboy digest" <digest.papers.example.org>' },
    'List-Unsubscribe': {
      prepared: true as const,
      value: `<https://papers.example.org/digest/unsubscribe?s=${'t'.repeat(120)}>, <mailto:unsubscribe+${to.length}@papers.example.org?subject=unsubscribe>`,
    },
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  })
  const encoded = (to: string) => ({
    to,
    subject: `Your digest — ${'a subject long enough to be folded over several lines '.repeat(3).trim()}`,
    text: { quotedPrintable: encodeQuotedPrintable(text) },
    html: { quotedPrintable: encodeQuotedPrintable(html) },
    messageId: `<digest.1.abc@papers.example.org>`,
    headers: listHeaders(to),
  })

  it('sends an encoded list email as it was meant: both parts, the subject, the list headers, one Message-ID', async () => {
    await smtp.mailer.send(encoded('raw@lab.org'))
    const mail = await smtp.nextMessageTo('raw@lab.org')
    expect(mail.text).toBe(text)
    expect(mail.html).toBe(html)
    expect(mail.subject).toBe(encoded('raw@lab.org').subject)
    expect(mail.from).toBe('no-reply@papers.example.org')
    expect(mail.raw.toString()).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r$/m)
    expect(mail.raw.toString()).toMatch(
      /^List-Unsubscribe: <https:\/\/papers\.example\.org\/digest\/unsubscribe\?s=t+>, <mailto:/m,
    )
    expect(mail.headers.get('message-id')).toBe('<digest.1.abc@papers.example.org>')
    expect(mail.raw.toString().match(/^Message-ID:/gim)).toHaveLength(1)
    // Every line within SMTP's 998 characters.
    expect(
      Math.max(
        ...mail.raw
          .toString()
          .split('\r\n')
          .map((l) => l.length),
      ),
    ).toBeLessThanOrEqual(998)
  })

  it('signs it so that mailauth passes it, covering both List-Unsubscribe headers; a changed byte fails', async () => {
    await signing.mailer.send(encoded('signed-raw@lab.org'))
    const mail = await smtp.nextMessageTo('signed-raw@lab.org')
    const verdict = await signing.verify(mail.raw)
    expect(verdict.result).toBe('pass')
    expect(verdict.signedHeaders).toEqual(
      expect.arrayContaining(['from', 'to', 'subject', 'list-unsubscribe', 'list-unsubscribe-post']),
    )
    const tampered = Buffer.from(mail.raw.toString().replace('a dot starts this line', 'a dog starts this line'))
    expect((await signing.verify(tampered)).result).not.toBe('pass')
    const otherRecipient = Buffer.from(mail.raw.toString().replace('To: signed-raw@lab.org', 'To: other@lab.org'))
    expect((await signing.verify(otherRecipient)).result).not.toBe('pass')
  })

  it('signs a part that was not encoded in the relaxed form too (whitespace runs, a lone tab)', async () => {
    const parts = ['two  spaces \t\r\nand a tab\t here', 'only a\tlone tab']
    for (const [i, quotedPrintable] of parts.entries()) {
      await signing.mailer.send({ ...encoded(`loose${i}@lab.org`), text: { quotedPrintable } })
      const mail = await smtp.nextMessageTo(`loose${i}@lab.org`)
      expect((await signing.verify(mail.raw)).result).toBe('pass')
    }
  })

  it('still composes and signs an account email (plain text parts) through nodemailer', async () => {
    await signing.mailer.send({ to: 'account@lab.org', subject: 'Confirm your address', text: 'Open  this link.' })
    const mail = await smtp.nextMessageTo('account@lab.org')
    expect(mail.text.trim()).toBe('Open  this link.')
    expect((await signing.verify(mail.raw)).result).toBe('pass')
  })

  it('refuses a header value that would add a header line; a recipient with a line break reaches no one else', async () => {
    const injected = encoded('victim@lab.org')
    injected.headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click\r\nBcc: everyone@example.org'
    await expect(smtp.mailer.send(injected)).rejects.toThrow(/not one line/)
    await expect(
      smtp.mailer.send({ ...encoded('x@lab.org'), to: 'x@lab.org\r\nBcc: everyone@example.org' }),
    ).rejects.toThrow(/line break/)
    await expect(
      smtp.mailer.send({ to: 'x@lab.org\nBcc: everyone@example.org', subject: 'Hi', text: 'An account email.' }),
    ).rejects.toThrow(/line break/)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(smtp.messagesTo('victim@lab.org')).toEqual([])
    expect(smtp.messagesTo('x@lab.org')).toEqual([])
    expect(smtp.messagesTo('everyone@example.org')).toEqual([])
  })
})
