import type { MailMessage } from '../platform/mail/mailer.js'

/** Sent once when repeated failures turn a member's webhook off. */
export function webhookDisabledEmail(
  to: string,
  site: string,
  target: string,
  reason: string,
  settingsLink: string,
): MailMessage {
  return {
    to,
    subject: `${site} turned off your webhook to ${target}`,
    text: [
      `Alerts to your webhook at ${target} kept failing, so ${site} stopped sending them.`,
      '',
      `Why: ${reason}`,
      '',
      'Check the receiver, then turn the webhook back on (and send a test) on your settings page:',
      settingsLink,
      '',
      'Alerts that could not be delivered meanwhile are not sent again.',
    ].join('\n'),
  }
}
