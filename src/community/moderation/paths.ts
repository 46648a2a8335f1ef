/** Where admins ban and unban: form fields `username`, `state` (1 ban, 0 lift), `reason`, `next`. */
export const BAN_PATH = '/admin/users/ban'
/** Where admins turn off a member's two-factor authentication: fields `username`, `reason`, `next`. */
export const TWO_FACTOR_RESET_PATH = '/admin/users/two-factor/reset'
/** Hides (`state=1`) or shows (`state=0`) a comment. */
export const commentHidePath = (id: number) => `/admin/comments/${id}/hide`
/** Takes a paper out of the feed (`state=1`) or puts it back (`state=0`). */
export const paperHidePath = (id: string) => `/admin/papers/${id}/hide`
