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

export function resetEmail(to: string, site: string, link: string): MailMessage {
  return {
    to,
    subject: `Reset your password on ${site}`,
    text: [
      `Someone (probably you) asked to reset the password of your ${site} account.`,
      '',
      'Open this link to choose a new password:',
      link,
      '',
      'The link works once and for 1 hour. Choosing a new password logs you out everywhere else.',
      'If you did not ask for this, ignore this email: your password stays as it is.',
    ].join('\n'),
  }
}

/** Sent to the address an account wants to move to; it changes only once this link is opened. */
export function confirmNewEmail(to: string, site: string, username: string, link: string): MailMessage {
  return {
    to,
    subject: `Confirm your new email address for ${site}`,
    text: [
      `The ${site} account "${username}" asked to use this email address from now on.`,
      '',
      'Open this link to confirm it:',
      link,
      '',
      'The link works once and for 24 hours. If you did not ask for this, ignore this email.',
    ].join('\n'),
  }
}

/** Sent to the old address, so that a stolen session cannot quietly move an account away. */
export function emailChangeNotice(to: string, site: string, newEmail: string, settingsLink: string): MailMessage {
  return {
    to,
    subject: `Your ${site} account asked to change its email address`,
    text: [
      `Someone signed in to your ${site} account asked to change its email address to`,
      newEmail,
      '',
      'Nothing changes until a link sent to that address is opened.',
      `If this was not you, change your password now and log out everywhere else: ${settingsLink}`,
    ].join('\n'),
  }
}

/** Sent when a new address asked for belongs to another account already (no enumeration). */
export function addressTakenEmail(to: string, site: string): MailMessage {
  return {
    to,
    subject: `This address already has an account on ${site}`,
    text: [
      `Someone asked to move a ${site} account to this email address, which already has an account.`,
      'Nothing was changed. If it was you, log in to that account instead, or delete one of the two.',
    ].join('\n'),
  }
}

/** Sent after a password change or reset, so that its owner learns of one they did not make. */
export function passwordChangedEmail(to: string, site: string, resetLink: string): MailMessage {
  return {
    to,
    subject: `Your ${site} password was changed`,
    text: [
      `The password of your ${site} account was just changed, and its other sessions were logged out.`,
      '',
      `If this was not you, reset your password now: ${resetLink}`,
    ].join('\n'),
  }
}

/** Sent when an admin turned off a member's two-factor authentication (they lost their phone and codes). */
export function twoFactorResetEmail(to: string, site: string, settingsLink: string): MailMessage {
  return {
    to,
    subject: `Two-factor authentication was turned off on your ${site} account`,
    text: [
      `An administrator of ${site} turned off two-factor authentication on your account, as is done when a member has lost both their phone and their recovery codes. You now log in with your password alone.`,
      '',
      `Turn it on again with your new phone: ${settingsLink}`,
      'If you did not ask for this, change your password there now and write to the administrators.',
    ].join('\n'),
  }
}

/** Sent when a recovery code logs in: its owner should know, and make new codes when few are left. */
export function recoveryCodeUsedEmail(to: string, site: string, left: number, settingsLink: string): MailMessage {
  return {
    to,
    subject: `A recovery code was used to log in to ${site}`,
    text: [
      `One of your recovery codes was just used to log in to your ${site} account. ${left} unused codes are left.`,
      '',
      `Make new codes, or turn two-factor authentication off and on again with a new phone: ${settingsLink}`,
      'If this was not you, change your password there now and log out everywhere else.',
    ].join('\n'),
  }
}
