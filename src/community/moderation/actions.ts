/**
 * What an admin can do, and the names the moderation log gives each action. Kept as data so that
 * the log page, the store and the routes agree on one list.
 */
export const MODERATION_ACTIONS = {
  'hide-comment': 'hid a comment',
  'unhide-comment': 'showed a comment again',
  'hide-paper': 'hid a paper from the feed',
  'unhide-paper': 'put a paper back in the feed',
  ban: 'banned a user',
  unban: 'lifted a ban',
  'reset-two-factor': 'turned off a member’s two-factor authentication',
  'approve-claim': 'approved an author claim',
  'reject-claim': 'rejected an author claim',
} as const

export type ModerationAction = keyof typeof MODERATION_ACTIONS
export type TargetKind = 'comment' | 'paper' | 'user' | 'claim'

/** A reason is optional and shown in the log; long enough for a sentence, short enough for a row. */
export const MAX_REASON_LENGTH = 500

/** Whether a log entry's action is one this version knows (an older row may name a retired one). */
export const isKnownAction = (action: string): action is ModerationAction => action in MODERATION_ACTIONS
