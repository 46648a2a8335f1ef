/** The follows' addresses, declared once for their routes and their links. */
export const FOLLOW_PATH = '/follows'
export const UNFOLLOW_PATH = '/follows/remove'
export const FOLLOWING_PATH = '/following'
export const MARK_SEEN_PATH = '/following/seen'
/** The private feed of the Following page: `/following/<token>/feed.rss|atom|json` (feeds/routes.ts). */
export const FOLLOWING_FEED_ROUTE = '/following/:token{[0-9]+-[0-9a-f]{32}}'
export const followingFeedBase = (token: string) => `/following/${token}`
/** "Reset the link" of the private feed. */
export const FOLLOWING_FEED_RESET_PATH = '/following/feed/reset'
export const FOLLOW_SETTINGS_PATH = '/settings/follows'
/** One follow's alert settings (`:id` is the follow's id). */
export const FOLLOW_ALERT_ROUTE = '/settings/follows/:id'
export const followAlertPath = (id: number) => `/settings/follows/${id}`
/** The alert about new versions and withdrawals of the member's own collected papers. */
export const COLLECTED_ALERT_PATH = '/settings/follows/collected'
