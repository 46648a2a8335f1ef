/** The addresses of members' pages in one place: routes are declared with these, and links made by them. */
export const PROFILE_ROUTE = '/u/:username'
export const COLLECTIONS_ROUTE = '/u/:username/collections'
export const COLLECTION_ROUTE = '/u/:username/collections/:slug'

export const profilePath = (username: string) => `/u/${encodeURIComponent(username)}`
export const collectionsPath = (username: string) => `${profilePath(username)}/collections`
