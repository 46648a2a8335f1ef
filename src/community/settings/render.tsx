import type { Context } from 'hono'
import { HttpError } from '../../platform/http/http-error.js'
import type { Viewer } from '../../platform/http/viewer.js'
import { NO_STORE } from '../accounts/views.js'
import { readSessionCookie } from '../accounts/session-cookie.js'
import type { CommunityDeps } from '../routes.js'
import { loadSettings } from './load.js'
import { type SettingsProps, SettingsPage } from './views.js'

/** Renders the settings page of `viewer`, with what a form sent back or a token just made. */
export async function renderSettings(
  c: Context,
  deps: CommunityDeps,
  viewer: Viewer,
  extra: Omit<SettingsProps, 'site' | 'data'> = {},
  status: 200 | 400 | 409 = 200,
) {
  const data = await loadSettings(deps.db, viewer.id, readSessionCookie(c), new Date(deps.now()).toISOString())
  if (!data) throw new HttpError(404, 'This account no longer exists.')
  return c.html(<SettingsPage site={deps.site} data={data} {...extra} />, status, NO_STORE)
}
