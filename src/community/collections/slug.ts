/**
 * A collection's address part: its id, then its name as words (`12-diffusion-models`). The id
 * finds it, so a rename never breaks a shared link: the old words redirect to the new ones.
 */
export function collectionSlug(id: number, name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_WORDS_LENGTH)
    .replace(/-+$/, '')
  return words ? `${id}-${words}` : String(id)
}

const MAX_WORDS_LENGTH = 60 // enough to recognise a list by its address; the page shows the whole name

/** The collection id an address part names (`12-anything` or `12`), or null. */
export function collectionIdOf(slug: string): number | null {
  const m = /^(\d{1,9})(?:-.*)?$/s.exec(slug)
  return m ? Number(m[1]) : null
}

/** A collection id from a path or a form: digits that fit an integer column on both databases. */
export function parseCollectionId(raw: string | undefined): number | null {
  return raw && /^\d{1,9}$/.test(raw) && Number(raw) > 0 ? Number(raw) : null
}
