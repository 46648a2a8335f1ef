/**
 * What the settings page says after a change succeeded (`/settings?done=<key>`): a fixed sentence
 * per key, so that the address can never make the page say anything else.
 */
export const DONE_MESSAGES = {
  profile: 'Your display name is saved.',
  'email-sent':
    'We sent a confirmation link to your new address. Your address changes when you open it; until then, the old one stays.',
  email: 'Your email address is changed and confirmed.',
  password: 'Your password is changed. Every other session of your account was logged out.',
  'password-reset': 'Your new password is saved. Every other session of your account was logged out.',
  verification: 'We sent you a new confirmation link. It works for 24 hours.',
  sessions: 'Every other session of your account was logged out.',
  'token-revoked': 'The token is revoked: requests that present it are refused from now on.',
  'two-factor-off': 'Two-factor authentication is off. Your password alone logs you in again.',
  'digest-subscribed': 'You are subscribed to the digest. The first one comes with the next period’s papers.',
  'digest-saved': 'Your digest preferences are saved.',
  'digest-unsubscribed': 'You are unsubscribed: no more digests will be sent.',
} as const

export type DoneKey = keyof typeof DONE_MESSAGES

export function doneMessage(key: string | undefined): string | undefined {
  return key && Object.hasOwn(DONE_MESSAGES, key) ? DONE_MESSAGES[key as DoneKey] : undefined
}
