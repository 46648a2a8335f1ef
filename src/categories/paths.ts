/** The addresses of the category views in one place: routes are declared with these, links made by them. */
export const CATEGORIES_PATH = '/c'
export const CATEGORY_ROUTE = '/c/:category'
export const CATEGORY_DAY_ROUTE = '/c/:category/:day'

/** A category's page (its latest day), or one day of it. Codes hold only letters, digits, `-` and `.`. */
export const categoryPath = (code: string, day?: string) => `${CATEGORIES_PATH}/${code}${day ? `/${day}` : ''}`

/** Where an archive's categories are listed: its part of the index. */
export const archiveAnchor = (archive: string) => `archive-${archive}`
