import type { User } from '../accounts/store.js'
import type { Paper } from '../../papers/model.js'
import { formatDay, plural } from '../../platform/views/format.js'
import { Field, FormError, PostForm } from '../../platform/views/form.js'
import { Layout } from '../../platform/views/layout.js'
import { ChangeBadge } from '../../follows/change-badge.js'
import { FollowButton } from '../../follows/follow-button.js'
import type { PaperChange } from '../../follows/paper-change.js'
import type { Site } from '../../platform/views/site.js'
import { avatarPath } from '../profiles/avatar.js'
import { CompactPapers, Pager } from '../profiles/compact-papers.js'
import { collectionsPath, profilePath } from '../profiles/paths.js'
import { collectionSlug } from './slug.js'
import type { Collection } from './store.js'
import { DESCRIPTION_MAX, NAME_MAX } from './validation.js'
import { feedLinks } from '../../feeds/links.js'
import { FeedButtons } from '../../feeds/views.js'
import { ExportLinks, listExportPath } from '../../exports/views.js'

export const collectionPath = (owner: string, c: Pick<Collection, 'id' | 'name'>) =>
  `${collectionsPath(owner)}/${collectionSlug(c.id, c.name)}`

type Values = { name?: string; description?: string; visibility?: string }
type Errors = Record<string, string>

/** Name, description and visibility: the create form and the edit form. */
function CollectionFields({ prefix, values, errors }: { prefix: string; values: Values; errors: Errors }) {
  const isPublic = values.visibility === 'public'
  return (
    <>
      <Field
        id={`${prefix}-name`}
        name="name"
        label="Name"
        value={values.name}
        required
        maxlength={NAME_MAX}
        error={errors.name}
      />
      <div class="field">
        <label for={`${prefix}-description`}>Description (optional)</label>
        <textarea
          id={`${prefix}-description`}
          name="description"
          rows={3}
          maxlength={DESCRIPTION_MAX}
          aria-invalid={errors.description ? 'true' : undefined}
          aria-describedby={errors.description ? `${prefix}-description-error` : undefined}
        >
          {values.description ?? ''}
        </textarea>
        {errors.description && (
          <p class="field-error" id={`${prefix}-description-error`}>
            {errors.description}
          </p>
        )}
      </div>
      <fieldset class="visibility">
        <legend>Who can see it</legend>
        <label>
          <input type="radio" name="visibility" value="private" checked={!isPublic} /> Only me
        </label>
        <label>
          <input type="radio" name="visibility" value="public" checked={isPublic} /> Everyone with the link, and on my
          profile
        </label>
      </fieldset>
    </>
  )
}

function Visibility({ collection }: { collection: Collection }) {
  return (
    <span class={collection.isPublic ? 'badge' : 'badge private'}>{collection.isPublic ? 'Public' : 'Private'}</span>
  )
}

interface ListProps {
  site: Site
  owner: User
  collections: Collection[]
  isOwner: boolean
  values?: Values
  errors?: Errors
}

/** `/u/{username}/collections`: a member's public collections; all of them, and a form, for the member. */
export function CollectionsPage({ site, owner, collections, isOwner, values = {}, errors = {} }: ListProps) {
  const title = isOwner ? 'Your collections' : `Collections of ${owner.displayName}`
  return (
    <Layout site={site} title={title} canonical={isOwner ? undefined : collectionsPath(owner.username)}>
      <section class="community-page" aria-labelledby="collections-title">
        <p class="breadcrumb">
          <a href={profilePath(owner.username)}>
            <img src={avatarPath(owner.username)} alt="" width={24} height={24} class="avatar" />
            {owner.displayName}
          </a>
        </p>
        <h1 id="collections-title">{title}</h1>
        {collections.length === 0 ? (
          <p class="empty">
            {isOwner
              ? 'You have no collections yet: make one below, or save a paper from its page.'
              : 'No public collections yet.'}
          </p>
        ) : (
          <ul class="collection-list">
            {collections.map((c) => (
              <li>
                <h2>
                  <a href={collectionPath(owner.username, c)}>{c.name}</a>
                </h2>
                <p class="meta">
                  {isOwner && <Visibility collection={c} />}
                  <span>{plural(c.paperCount, 'paper')}</span>
                  <span>
                    Updated <time datetime={c.updatedAt}>{formatDay(c.updatedAt)}</time>
                  </span>
                </p>
                {c.description && <p class="description">{c.description}</p>}
              </li>
            ))}
          </ul>
        )}
        {isOwner && (
          <section class="panel" aria-labelledby="new-collection-title">
            <h2 id="new-collection-title">New collection</h2>
            <FormError message={errors.form} />
            <PostForm action="/collections" class="stacked-form">
              <CollectionFields prefix="new-collection" values={values} errors={errors} />
              <button type="submit">Create the collection</button>
            </PostForm>
          </section>
        )}
      </section>
    </Layout>
  )
}

interface CollectionPageProps {
  site: Site
  owner: User
  collection: Collection
  papers: Paper[]
  isOwner: boolean
  page: number
  hasNext: boolean
  values?: Values
  errors?: Errors
  /** For its owner: papers that got a new arXiv version since they were added, or were withdrawn. */
  changes?: ReadonlyMap<string, PaperChange>
  /** For anyone else signed in or not, on a public collection: whether they follow it. */
  following?: boolean
}

/** A collection's own page: shareable when public; the owner edits, removes and deletes here. */
export function CollectionPage(props: CollectionPageProps) {
  const { site, owner, collection, papers, isOwner, page, hasNext, errors = {}, changes } = props
  const here = collectionPath(owner.username, collection)
  const values = props.values ?? {
    name: collection.name,
    description: collection.description,
    visibility: collection.isPublic ? 'public' : 'private',
  }
  // Feed readers are never signed in: only a public collection has feeds to follow.
  const feeds = collection.isPublic
    ? feedLinks(here, `${site.name}: ${collection.name}, a collection by ${owner.displayName}`)
    : undefined
  return (
    <Layout
      site={site}
      title={collection.name}
      canonical={collection.isPublic && page === 1 ? here : undefined}
      feeds={feeds}
    >
      <section class="community-page" aria-labelledby="collection-title">
        <p class="breadcrumb">
          <a href={profilePath(owner.username)}>
            <img src={avatarPath(owner.username)} alt="" width={24} height={24} class="avatar" />
            {owner.displayName}
          </a>
          <span aria-hidden="true">›</span>
          <a href={collectionsPath(owner.username)}>Collections</a>
        </p>
        <h1 id="collection-title">{collection.name}</h1>
        <p class="meta">
          {isOwner && <Visibility collection={collection} />}
          <span>{plural(collection.paperCount, 'paper')}</span>
          <span>
            Updated <time datetime={collection.updatedAt}>{formatDay(collection.updatedAt)}</time>
          </span>
        </p>
        {collection.description && <p class="description">{collection.description}</p>}
        {props.following !== undefined && (
          <FollowButton
            kind="collection"
            target={String(collection.id)}
            label="this collection"
            following={props.following}
            back={page > 1 ? `${here}?page=${page}` : here}
          />
        )}
        {feeds && papers.length > 0 && (
          <>
            <FeedButtons feeds={feeds} />
            <ExportLinks label="Download this collection's citations" hrefOf={(f) => listExportPath(here, f)} />
          </>
        )}
        {papers.length === 0 ? (
          <p class="empty">
            {page > 1
              ? 'No more papers.'
              : isOwner
                ? 'No papers yet. Open a paper and use “Save to a collection”.'
                : 'No papers yet.'}
          </p>
        ) : (
          <div class="panel">
            <CompactPapers
              papers={papers}
              extra={(p) =>
                isOwner && (
                  <>
                    <ChangeBadge paperId={p.id} change={changes?.get(p.id) ?? null} />
                    <PostForm action={`/collections/${collection.id}/papers/remove`} class="inline-form">
                      <input type="hidden" name="paper" value={p.id} />
                      <input type="hidden" name="next" value={here} />
                      <button type="submit" class="secondary small">
                        Remove<span class="visually-hidden"> “{p.title}” from this collection</span>
                      </button>
                    </PostForm>
                  </>
                )
              }
            />
          </div>
        )}
        <Pager here={here} query={{}} param="page" page={page} hasNext={hasNext} />
        {isOwner && (
          <section class="panel" aria-labelledby="edit-collection-title">
            <h2 id="edit-collection-title">Edit this collection</h2>
            <FormError message={errors.form} />
            <PostForm action={`/collections/${collection.id}/edit`} class="stacked-form">
              <CollectionFields prefix="edit-collection" values={values} errors={errors} />
              <button type="submit">Save changes</button>
            </PostForm>
            <PostForm action={`/collections/${collection.id}/delete`} class="stacked-form danger-zone">
              <p>Deleting the collection keeps the papers in the catalog; only the list goes.</p>
              <button type="submit" class="danger">
                Delete “{collection.name}”
              </button>
            </PostForm>
          </section>
        )}
      </section>
    </Layout>
  )
}
