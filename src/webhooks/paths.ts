/** Where a member manages their webhooks. */
export const SETTINGS_PATH = '/settings/webhooks'

/**
 * A webhook's address as pages and emails name it: the host and the path's first segment only,
 * since Slack's and Discord's addresses carry their secret in the path.
 */
export function describeTarget(target: { kind: string; url: string; matrixRoom?: string | null }): string {
  const url = new URL(target.url)
  if (target.kind === 'matrix') return `${target.matrixRoom ?? 'a room'} on ${url.host}`
  const first = url.pathname.split('/').filter(Boolean)[0]
  return `${url.host}${first ? `/${first}/…` : ''}`
}
