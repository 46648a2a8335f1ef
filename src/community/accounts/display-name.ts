/** What the site shows for an account whose owner deleted it, wherever their name appeared. */
export const DELETED_NAME = '[deleted]'

/**
 * The name to show for an account: its display name, or "[deleted]" once the account is deleted
 * (the comments and profiles read `users.deleted_at` and `users.display_name` and pass them here).
 */
export function displayNameOf(user: { displayName: string; deletedAt: string | null }): string {
  return user.deletedAt !== null ? DELETED_NAME : user.displayName
}

/** The username to show or link: a deleted account's is kept reserved but no longer shown. */
export function usernameOf(user: { username: string; deletedAt: string | null }): string {
  return user.deletedAt !== null ? DELETED_NAME : user.username
}
