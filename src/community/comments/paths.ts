import { paperPath } from '../../papers/paths.js'

/** Where new comments and replies on a paper are posted (form and API). */
export const paperCommentsPath = (paperId: string) => `/papers/${paperId}/comments`
export const editCommentPath = (id: number) => `/comments/${id}/edit`
export const deleteCommentPath = (id: number) => `/comments/${id}/delete`
/** The id of a comment's element: its permalink's fragment. */
export const commentAnchor = (id: number) => `comment-${id}`
export const commentLink = (paperId: string, id: number) => `${paperPath(paperId)}#${commentAnchor(id)}`
/** The discussion on a paper's page, in an order. */
export const discussionPath = (paperId: string, order?: string) =>
  `${paperPath(paperId)}${order ? `?comments=${order}` : ''}#discussion`
/** A member's public profile. */
export const profilePath = (username: string) => `/u/${encodeURIComponent(username)}`
