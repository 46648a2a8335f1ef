/**
 * Where a member's avatar is: an image generated here from their username (no third-party image
 * service learns who reads which page). The route that draws it lives beside this file.
 */
export function avatarPath(username: string): string {
  return `/avatars/${encodeURIComponent(username.toLowerCase())}.svg`
}

/** The avatar's absolute address, as the API hands it out (`avatarUrl`). */
export function avatarUrl(baseUrl: string, username: string): string {
  return `${baseUrl}${avatarPath(username)}`
}
