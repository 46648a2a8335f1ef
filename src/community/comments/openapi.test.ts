import { expect, it } from 'vitest'
import type { CommunityDeps } from '../routes.js'
import { commentsApi } from './api.js'
import { commentPaths } from './openapi.js'

it('describes every route of the comment API, and no other', () => {
  // Building the router reads no dependency; requests would.
  const routes = commentsApi({} as CommunityDeps).routes.map(
    (r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`,
  )
  const described = Object.entries(commentPaths).flatMap(([path, methods]) =>
    Object.keys(methods).map((m) => `${m} ${path}`),
  )
  expect(described.sort()).toEqual(routes.sort())
})
