/** The author pages' addresses, declared once for their routes and their links. */
export const AUTHOR_ROUTE = '/authors/:name'

/** An author's page: the name as printed on papers, percent-encoded whole (a `/` in a name too). */
export const authorPath = (name: string) => `/authors/${encodeURIComponent(name)}`
