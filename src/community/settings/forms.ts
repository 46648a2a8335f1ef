import { z } from 'zod'

/** A name shown beside one's comments instead of the username: printable, one line. */
export const displayName = z
  .string()
  .trim()
  .min(1, 'Enter the name to show, or your username.')
  .max(50, 'A display name has at most 50 characters.')
  .refine((s) => !/[\p{Cc}\p{Cf}\u2028\u2029]/u.test(s), 'A display name cannot contain control characters.')

/** What a personal access token is for, so that its owner can tell their tokens apart. */
export const tokenName = z
  .string()
  .trim()
  .min(1, 'Name the token after what will use it, like “my laptop’s scripts”.')
  .max(60, 'A token name has at most 60 characters.')
  .refine((s) => !/[\p{Cc}\p{Cf}\u2028\u2029]/u.test(s), 'A token name cannot contain control characters.')

/** A row id in an address (`/settings/tokens/12/revoke`): digits that fit a database integer. */
export function rowId(param: string | undefined): number | null {
  if (!param || !/^\d{1,9}$/.test(param)) return null
  return Number(param)
}
