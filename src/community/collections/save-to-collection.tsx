import type { Viewer } from '../../platform/http/viewer.js'
import { loginPath } from '../accounts/forms.js'
import type { Db } from '../../platform/db/connect.js'
import { PostForm } from '../../platform/views/form.js'
import { collectionsPath } from '../profiles/paths.js'
import { paperPath } from '../../papers/paths.js'
import { type Collection, collectionsHolding, listCollections } from './store.js'
import { NAME_MAX } from './validation.js'
import { collectionPath } from './views.js'

/** What the paper page's "save" box needs: the reader's collections and which hold the paper. */
export interface SaveState {
  collections: Collection[]
  holding: Set<number>
}

export async function saveState(db: Db, viewer: Viewer | null, paperId: string): Promise<SaveState | null> {
  if (!viewer) return null
  const [collections, holding] = await Promise.all([
    listCollections(db, viewer.id, { all: true }),
    collectionsHolding(db, viewer.id, paperId),
  ])
  return { collections, holding }
}

/**
 * "Save to a collection" beside a paper: the collections that hold it (each with a remove
 * button), and one form to add it to another or to a new one. Works without JavaScript: the
 * name field is read only when "New collection" is chosen (or when there is nothing to choose).
 */
export function SaveToCollection({
  paperId,
  viewer,
  state,
}: {
  paperId: string
  viewer: Viewer | null
  state: SaveState | null
}) {
  if (!viewer || !state) {
    return (
      <section class="save-box" id="save" aria-labelledby="save-title">
        <h2 id="save-title">Collections</h2>
        <p>
          <a href={loginPath(paperPath(paperId))}>Log in</a> to save this paper to a reading list.
        </p>
      </section>
    )
  }
  const holding = state.collections.filter((c) => state.holding.has(c.id))
  const others = state.collections.filter((c) => !state.holding.has(c.id))
  return (
    <section class="save-box" id="save" aria-labelledby="save-title">
      <h2 id="save-title">Collections</h2>
      {holding.length > 0 && (
        <ul class="saved-in">
          {holding.map((c) => (
            <li>
              <a href={collectionPath(viewer.username, c)}>{c.name}</a>
              <PostForm action={`/collections/${c.id}/papers/remove`} class="inline-form">
                <input type="hidden" name="paper" value={paperId} />
                <button type="submit" class="link-button">
                  Remove<span class="visually-hidden"> from {c.name}</span>
                </button>
              </PostForm>
            </li>
          ))}
        </ul>
      )}
      <PostForm action="/collections/save" class="save-form">
        <input type="hidden" name="paper" value={paperId} />
        {others.length > 0 ? (
          <div class="field">
            <label for="save-collection">Save to</label>
            <select id="save-collection" name="collection">
              {others.map((c) => (
                <option value={String(c.id)}>{c.name}</option>
              ))}
              <option value="new">New collection…</option>
            </select>
          </div>
        ) : (
          <input type="hidden" name="collection" value="new" />
        )}
        <div class="field">
          <label for="save-new-name">
            {others.length > 0 ? 'Name, for a new collection' : 'Save to a new collection'}
          </label>
          <input id="save-new-name" type="text" name="name" maxlength={NAME_MAX} placeholder="Reading list" />
        </div>
        <button type="submit" class="secondary">
          Save
        </button>
      </PostForm>
      <p class="field-hint">
        <a href={collectionsPath(viewer.username)}>Your collections</a>
      </p>
    </section>
  )
}
