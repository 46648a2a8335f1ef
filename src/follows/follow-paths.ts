import { findUserById } from '../community/accounts/store.js'
import { findCollection } from '../community/collections/store.js'
import { collectionPath } from '../community/collections/views.js'
import { authorPath } from '../authors/paths.js'
import type { Db } from '../platform/db/connect.js'
import { SEARCH_PATH } from '../search/paths.js'
import type { Follow } from './store.js'

/** Where a follow's own page is: the author page, the category's or search's results, the collection. */
export async function followPaths(db: Db, follows: readonly Follow[]): Promise<Map<number, string>> {
  const paths = new Map<number, string>()
  for (const f of follows) {
    if (f.kind === 'author') paths.set(f.id, authorPath(f.target))
    else if (f.kind === 'category')
      paths.set(f.id, `${SEARCH_PATH}?${new URLSearchParams({ q: '', category: f.target, sort: 'newest' })}`)
    else if (f.kind === 'search') paths.set(f.id, `${SEARCH_PATH}?${f.target}`)
    else if (f.kind === 'collection') {
      const collection = await findCollection(db, Number(f.target))
      const owner = collection && (await findUserById(db, collection.userId))
      if (collection && owner) paths.set(f.id, collectionPath(owner.username, collection))
    }
  }
  return paths
}
