import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * The signed-in reader a request is served for, as every page and the response cache need to know
 * it. The community feature signs readers in and sets it (community/accounts/viewer-middleware.ts);
 * the platform only carries it, so that the page layout deep inside any feature's view can show
 * "Log in" or the reader's name without every view passing it down.
 */
export interface Viewer {
  id: number
  username: string
  displayName: string
  role: 'user' | 'admin'
  /** Whether the reader proved their address; community writes wait for it. */
  emailVerified: boolean
  /** The synchronizer token every form of this reader's pages carries (`_csrf`). */
  csrfToken: string
}

const storage = new AsyncLocalStorage<Viewer | null>()

/** Runs `fn` (the rest of the request) as served for `viewer`. */
export function runAsViewer<T>(viewer: Viewer | null, fn: () => T): T {
  return storage.run(viewer, fn)
}

/** The reader the current request is served for; null for an anonymous one. */
export function currentViewer(): Viewer | null {
  return storage.getStore() ?? null
}
