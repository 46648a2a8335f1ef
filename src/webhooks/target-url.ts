import { ipLiteral, isInternalAddress } from './address.js'

/** Longer than any Slack, Discord or homeserver address; short enough that a pasted essay is refused. */
export const MAX_URL_CHARS = 2048

/**
 * A webhook address from a form, or the reason it is refused: http(s) only, without a user name or
 * password (the signature authenticates the site; credentials in an address end up in logs and on
 * screens), without control characters, and, unless `allowInternal`, not an internal IP literal
 * (names are checked again when connecting: address.ts, send.ts).
 */
export function parseTargetUrl(input: string, allowInternal: boolean): { url: string } | { error: string } {
  const text = input.trim()
  if (text === '') return { error: 'Enter the webhook’s address.' }
  if (text.length > MAX_URL_CHARS) return { error: `The address is longer than ${MAX_URL_CHARS} characters.` }
  if (/[\u0000-\u001f\u007f\s]/.test(text)) return { error: 'The address holds spaces or control characters.' }
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return { error: 'That is not a web address; it starts with https://' }
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { error: 'The address must start with https:// or http://' }
  if (url.username || url.password)
    return { error: 'Leave the user name and password out of the address: receivers check the signature instead.' }
  const ip = ipLiteral(url.hostname)
  if (
    !allowInternal &&
    (url.hostname === 'localhost' || url.hostname.endsWith('.localhost') || (ip && isInternalAddress(ip)))
  )
    return { error: 'That address is inside this server’s own network, which webhooks may not reach here.' }
  url.hash = ''
  return { url: url.toString() }
}
