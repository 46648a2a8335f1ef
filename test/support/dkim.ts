import { generateKeyPairSync } from 'node:crypto'
import { dkimVerify } from 'mailauth/lib/dkim/verify.js'
import pino from 'pino'
import { createMailer, type Mailer } from '../../src/platform/mail/mailer.js'

const DOMAIN = 'papers.example.org'
const SELECTOR = 'pb2026'

export interface DkimVerdict {
  /** mailauth's verdict on the first signature: 'pass' when the message is as it was signed. */
  result: string
  /** The headers the signature covers, lower-cased. */
  signedHeaders: string[]
}

/**
 * A mailer to `smtpUrl` that DKIM-signs for papers.example.org with a fresh RSA-2048 key, and an
 * independent verifier (mailauth) that reads the key from a DNS record served for the test alone.
 * Close the mailer when done.
 */
export function dkimSigning(smtpUrl: string): { mailer: Mailer; verify: (raw: Buffer) => Promise<DkimVerdict> } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const dkim = {
    domainName: DOMAIN,
    keySelector: SELECTOR,
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  }
  const mailer = createMailer(
    { smtpUrl, from: null, outboxDir: '', dkim },
    `"Paperboy" <digest@${DOMAIN}>`,
    pino({ level: 'silent' }),
  )
  const record = `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`
  const resolver = async (name: string, type: string) => {
    if (type === 'TXT' && name === `${SELECTOR}._domainkey.${DOMAIN}`) return [[record]]
    throw Object.assign(new Error(`no ${type} record for ${name}`), { code: 'ENOTFOUND' })
  }
  const verify = async (raw: Buffer): Promise<DkimVerdict> => {
    const result = (await dkimVerify(raw, { resolver })).results[0]!
    return {
      result: result.status.result,
      signedHeaders: String(result.signingHeaders?.keys ?? '')
        .toLowerCase()
        .split(/:\s*/)
        .filter(Boolean),
    }
  }
  return { mailer, verify }
}
