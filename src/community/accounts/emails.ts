import type { MailMessage } from '../../platform/mail/mailer.js'

/** The account emails: plain text, one link each, saying why the reader got it. */

export function verifyEmail(to: string, site: string, link: string): MailMessage {
  return {
    to,
    subject: `Confirm your email address for ${site}`,
    text: [
      `Welcome to ${site}!`,
      '',
      'Open this link to confirm your email address and finish creating your account:',
      link,
      '',
      'The link works once and for 24 hours. If you did not sign up, ignore this email: no account',
      'is created without it.',
    ].join('\n'),
  }
}

/** Sent instead when someone signs up with an address that has an account already (no enumeration). */
export function alreadyRegisteredEmail(to: string, site: string, loginLink: string, resetLink: string): MailMessage {
  return {
    to,
    subject: `You already have an account on ${site}`,
    text: [
      `Someone (probably you) tried to sign up on ${site} with this email address, which already`,
      'has an account. No new account was created.',
      '',
      `Log in: ${loginLink}`,
      `Forgot your password? Reset it: ${resetLink}`,
      '',
      'If it was not you, you can ignore this email.',
    ].join('\n'),
  }
}
