import { readFileSync } from 'node:fs'
import { createEmailToken, createSession } from '../../src/community/accounts/store.js'
import { newRecoveryCodes, newTotpSecret } from '../../src/community/accounts/two-factor.js'
import { createLoginChallenge, enableTwoFactor, startTwoFactor } from '../../src/community/accounts/two-factor-store.js'
import { DEMO_FILE, parseDemo } from '../../src/papers/demo/demo-set.js'
import { addComment, deleteComment, setCommentHidden } from '../../src/community/comments/store.js'
import { upsertPapers } from '../../src/papers/upsert.js'
import { setVote } from '../../src/community/votes/store.js'
import { rebuildVectors } from '../../src/search/vectors/rebuild.js'
import type { Db } from '../../src/platform/db/connect.js'
import { fileClaim } from '../../src/community/claims/store.js'
import { moderatePaper, moderateUser } from '../../src/community/moderation/moderate.js'
import { addToCollection, createCollection } from '../../src/community/collections/store.js'
import { setUpvotesPublic } from '../../src/community/profiles/store.js'
import { recordSubmission } from '../../src/community/submissions/store.js'
import { signSubscription } from '../../src/digest/signed-links.js'
import { subscribeAccount } from '../../src/digest/store.js'
import { follow, markSeen } from '../../src/follows/store.js'
import type { FollowTables } from '../../src/follows/schema.js'
import { signFollow } from '../../src/alerts/signed-links.js'
import { type SignedIn, signedInUser } from './accounts.js'
import { MATH_PAPER_ID, mathPaperRecord } from './math-paper.js'
import { seedWebhooks } from './webhooks.js'

/**
 * One page of every kind the site serves, for the accessibility and HTML checkers to read. The
 * catalog is the one seedCatalog() fills, plus `seedCheckedPages()`.
 */
export interface CheckedPage {
  name: string
  path: string
  status: number
  /** Submit the header's subscribe form with this address instead of opening `path`. */
  subscribe?: string
  /** Open it presenting the site's ADMIN_TOKEN (SITE_ADMIN_TOKEN). */
  asAdmin?: boolean
  /**
   * Open it as one of the accounts `seedCheckedPages` made, with their session cookie: `true` (or
   * 'reader') is the member CHECKED_READER, 'admin' the site's admin CHECKED_ADMIN.
   */
  signedIn?: boolean | 'reader' | 'admin'
  /** Open it with this Cookie header (state `seedCheckedPages` made, such as a log-in waiting for its code). */
  cookie?: string
  /**
   * Reach it by submitting the form at `path` (its `form[action=path]`) with `fields`, up to
   * `upTo` times until it answers `status`: how a reader meets a 429.
   */
  submit?: { fields: Record<string, string>; upTo: number }
  /**
   * Reach it by choosing `file` in the file field `field` of the form `form[action=action]` on
   * `path`, as the signed-in reader, and sending it: how a member meets an import's result page.
   */
  upload?: { action: string; field: string; file: { name: string; mimeType: string; content: string } }
}

/** The sessions the `signedIn` pages are opened with. */
export interface CheckedSessions {
  reader: SignedIn
  admin: SignedIn
}

/** The Cookie header to open `checked` with, if any. */
export function checkedCookie(checked: CheckedPage, sessions: CheckedSessions): string | undefined {
  if (!checked.signedIn) return undefined
  return (checked.signedIn === 'admin' ? sessions.admin : sessions.reader).cookie
}

/** The member whose session the `signedIn` pages are opened with. */
export const CHECKED_READER = 'checked_reader'
/** A log-in of CHECKED_READER waiting for its second factor, and a reset link of theirs (fixed secrets). */
const CHECKED_CHALLENGE = 'checkedChallengeToken'.padEnd(43, '0') // the shape of a real token
const CHECKED_RESET = 'checkedResetToken'.padEnd(43, '0')
const FAR_FUTURE = '2100-01-01T00:00:00.000Z'
/** A second reader, with two-factor authentication on, and their session's fixed token. */
const CHECKED_TWO_FACTOR_READER = 'checked_two_factor'
const CHECKED_TWO_FACTOR_SESSION = 'checkedTwoFactorSession'.padEnd(43, '0')
/**
 * The digest links' secret, fixed so that a signed link can be written here: the first
 * subscription (CHECKED_TWO_FACTOR_READER's, made from settings) has this token.
 */
const CHECKED_DIGEST_SECRET = 'checkedDigestLinksSecret'.padEnd(43, '0')
const CHECKED_DIGEST_TOKEN = signSubscription(CHECKED_DIGEST_SECRET, 1)
/** The alert links' secret, fixed likewise: CHECKED_ALERT_TOKEN stops the first follow's emails (seedFollows'). */
const CHECKED_ALERT_SECRET = 'checkedAlertLinksSecret'.padEnd(43, '0')
const CHECKED_ALERT_TOKEN = signFollow(CHECKED_ALERT_SECRET, 1)
const CHECKED_DIGEST_CONFIRM = 'checkedDigestConfirmToken'.padEnd(43, '0')
/** The admin whose session the `signedIn: 'admin'` pages are opened with (the site's first account). */
export const CHECKED_ADMIN = 'checked_admin'

/** The public collection seedCheckedPages makes: the first of a fresh database. */
const CHECKED_COLLECTION = `/u/${CHECKED_READER}/collections/1-reading-group-diffusion`
const CHECKED_PAPERS = ['2608.19880', '2606.15007']

const BARE = { id: '2401.00002', title: 'A Withdrawn Paper Without an Abstract' }
const UNDATED_DEMO_PAPER = '2106.07139'
/** A name several people publish under in the recorded days: the author page and a follow. */
const CHECKED_AUTHOR = 'Yang Liu'
/** Papers of theirs the reader knew before: one got a second version since, one was withdrawn. */
const FLAGGED = [
  { id: '2401.00101', title: 'A Revised Study of Checked Pages', version: 2 },
  { id: '2401.00102', title: 'A Withdrawn Study of Checked Pages', version: 1 },
]

/** The paper `seedCheckedPages` starts a discussion on. */
export const DISCUSSED_PAPER = '2608.18580'

/** A cs.LG day with a paper in each of arXiv's sections, for the category pages (seedCheckedPages). */
const CATEGORY_DAY = '2026-08-20'
const CATEGORY_PAPERS = [
  {
    id: '2608.40001',
    title: 'Sharper Bounds for $\\ell_1$-Regularised Learners',
    authors: ['Ada Lovelace', 'Alan Turing'],
    categories: ['cs.LG', 'stat.ML'],
    publishedAt: `${CATEGORY_DAY}T14:00:00.000Z`,
    version: 1,
    githubRepo: 'https://github.com/example/sharper',
    counts: { upvotes: 12, numComments: 2, githubStars: 340 },
  },
  {
    id: '2608.40002',
    title: 'Parsing With Learned Grammars',
    authors: ['Noam Chomsky'],
    categories: ['cs.CL', 'cs.LG'],
    publishedAt: `${CATEGORY_DAY}T15:00:00.000Z`,
    version: 1,
  },
  {
    id: '2607.40003',
    title: 'A Replaced Paper on Optimisers',
    authors: ['Grace Hopper'],
    categories: ['cs.LG'],
    publishedAt: '2026-07-02T09:00:00.000Z',
    updatedAt: `${CATEGORY_DAY}T08:00:00.000Z`,
    version: 3,
  },
]

export const CHECKED_PAGES: CheckedPage[] = [
  { name: 'home', path: '/', status: 200 },
  { name: 'day', path: '/papers/date/2026-08-21', status: 200 },
  { name: 'day without papers', path: '/papers/date/2023-01-02', status: 200 },
  { name: 'week', path: '/papers/week/2026-W34', status: 200 },
  { name: 'month', path: '/papers/month/2026-08', status: 200 },
  { name: 'trending', path: '/papers/trending', status: 200 },
  { name: 'paper', path: '/papers/2608.19880', status: 200 },
  { name: 'paper with 573 authors', path: '/papers/2606.15007', status: 200 },
  { name: 'paper without date or authors', path: `/papers/${UNDATED_DEMO_PAPER}`, status: 200 },
  { name: 'withdrawn paper without abstract', path: `/papers/${BARE.id}`, status: 200 },
  { name: 'paper with math in its title and abstract', path: `/papers/${MATH_PAPER_ID}`, status: 200 },
  { name: 'search', path: '/search?q=diffusion', status: 200 },
  { name: 'search page 2, newest first', path: '/search?q=model&sort=newest&page=2', status: 200 },
  { name: 'search without results', path: '/search?q=diffusion&category=hep-th&has_code=1&within=week', status: 200 },
  { name: 'search form', path: '/search', status: 200 },
  { name: 'search help', path: '/search/help', status: 200 },
  { name: 'subscribe result', path: '/subscribe', status: 200, subscribe: 'reader@lab.org' },
  { name: 'paper, signed in', path: '/papers/2608.19880', status: 200, signedIn: true },
  { name: 'paper with comments, signed in', path: `/papers/${DISCUSSED_PAPER}`, status: 200, signedIn: true },
  { name: 'paper with comments', path: `/papers/${DISCUSSED_PAPER}?comments=top`, status: 200 },
  { name: 'daily papers, signed in', path: '/papers/date/2026-08-21', status: 200, signedIn: true },
  { name: 'trending, signed in', path: '/papers/trending', status: 200, signedIn: true },
  { name: 'search, signed in', path: '/search?q=diffusion', status: 200, signedIn: true },
  { name: 'sign up', path: '/signup', status: 200 },
  { name: 'submit a paper', path: '/submit', status: 200, signedIn: true },
  { name: 'profile', path: `/u/${CHECKED_READER}`, status: 200 },
  { name: 'own profile, signed in', path: `/u/${CHECKED_READER}`, status: 200, signedIn: true },
  {
    name: 'profile with two-factor on, as admin',
    path: `/u/${CHECKED_TWO_FACTOR_READER}`,
    status: 200,
    signedIn: 'admin',
  },
  { name: 'collections', path: `/u/${CHECKED_READER}/collections`, status: 200 },
  { name: 'own collections, signed in', path: `/u/${CHECKED_READER}/collections`, status: 200, signedIn: true },
  { name: 'public collection', path: CHECKED_COLLECTION, status: 200 },
  { name: 'own collection, signed in', path: CHECKED_COLLECTION, status: 200, signedIn: true },
  { name: 'log in', path: '/login', status: 200 },
  {
    name: 'log in, second factor',
    path: '/login/two-factor',
    status: 200,
    cookie: `paperboy_login=${CHECKED_CHALLENGE}`,
  },
  {
    name: 'too many log-in attempts',
    path: '/login',
    status: 429,
    submit: { fields: { login: 'checked_lockout', password: 'not the password' }, upTo: 6 },
  },
  { name: 'password reset', path: '/account/reset', status: 200 },
  { name: 'new password', path: `/account/reset/new?token=${CHECKED_RESET}`, status: 200 },
  { name: 'settings', path: '/settings', status: 200, signedIn: true },
  { name: 'your data', path: '/settings/data', status: 200, signedIn: true },
  {
    name: 'BibTeX import result',
    path: '/settings/data',
    status: 200,
    signedIn: true,
    upload: {
      action: '/settings/data/import/bibtex',
      field: 'file',
      file: {
        name: 'checked.bib',
        mimeType: 'text/x-bibtex',
        content: [
          '@misc{kept, title = {In the catalog}, eprint = {2608.19880}, archivePrefix = {arXiv}}',
          '@misc{unknown, title = {Not yet here}, url = {https://arxiv.org/abs/2401.99999}}',
          '@book{knuth, title = {The Art of Computer Programming}}',
        ].join('\n'),
      },
    },
  },
  {
    name: 'settings with a digest subscription',
    path: '/settings',
    status: 200,
    cookie: `paperboy_session=${CHECKED_TWO_FACTOR_SESSION}`,
  },
  { name: 'digest preferences (signed link)', path: `/digest/preferences?s=${CHECKED_DIGEST_TOKEN}`, status: 200 },
  {
    name: 'digest preferences, welcome',
    path: `/digest/preferences?s=${CHECKED_DIGEST_TOKEN}&welcome=1`,
    status: 200,
  },
  { name: 'digest confirmation', path: `/digest/confirm?token=${CHECKED_DIGEST_CONFIRM}`, status: 200 },
  { name: 'digest unsubscribe', path: `/digest/unsubscribe?s=${CHECKED_DIGEST_TOKEN}`, status: 200 },
  { name: 'alert unsubscribe', path: `/alerts/unsubscribe?f=${CHECKED_ALERT_TOKEN}`, status: 200 },
  { name: 'alert unsubscribe, bad link', path: '/alerts/unsubscribe?f=1.forged', status: 404 },
  { name: 'author', path: `/authors/${encodeURIComponent(CHECKED_AUTHOR)}`, status: 200 },
  {
    name: 'author, page 2, signed in',
    path: `/authors/${encodeURIComponent(CHECKED_AUTHOR)}?page=2`,
    status: 200,
    signedIn: true,
  },
  { name: 'following, with new and flagged papers', path: '/following', status: 200, signedIn: true },
  { name: 'follows and alerts settings', path: '/settings/follows', status: 200, signedIn: true },
  { name: 'two-factor setup', path: '/settings/two-factor', status: 200, signedIn: true },
  { name: 'webhooks settings', path: '/settings/webhooks', status: 200, signedIn: true },
  {
    name: 'two-factor settings, on',
    path: '/settings/two-factor',
    status: 200,
    cookie: `paperboy_session=${CHECKED_TWO_FACTOR_SESSION}`,
  },
  { name: 'ingest status', path: '/admin/ingest', status: 200, asAdmin: true },
  { name: 'ingest status, admin account', path: '/admin/ingest', status: 200, signedIn: 'admin' },
  { name: 'admin overview', path: '/admin', status: 200, signedIn: 'admin' },
  { name: 'moderation log', path: '/admin/log', status: 200, signedIn: 'admin' },
  { name: 'author claims to decide', path: '/admin/claims', status: 200, signedIn: 'admin' },
  { name: 'paper, as an admin', path: '/papers/2608.19880', status: 200, signedIn: 'admin' },
  { name: 'category', path: '/c/cs.LG', status: 200 },
  { name: 'category, signed in', path: '/c/cs.LG', status: 200, signedIn: true },
  { name: 'category day without papers', path: '/c/cs.LG/2026-08-19', status: 200 },
  { name: 'category without papers', path: '/c/q-bio.GN', status: 200 },
  { name: 'index of categories', path: '/c', status: 200 },
  { name: 'how lists are ranked', path: '/about/ranking', status: 200 },
  { name: 'bad category', path: '/c/cs.LG%27', status: 400 },
  { name: 'not found', path: '/papers/2401.99999', status: 404 },
  { name: 'bad request', path: '/papers/date/2026-13-45', status: 400 },
]

/**
 * Adds what the recorded data lacks: a cs.LG day with a paper in each of arXiv's sections; a paper
 * with no abstract, no authors and no thumbnail,
 * withdrawn; one with math in its title and abstract; and a demo paper with no date and no
 * authors (the demo set itself stepped aside for the recorded days), unfeatured. Then the vectors,
 * so that paper pages show their similar papers, and the accounts the `signedIn` pages are seen by:
 * the reader with a two-factor setup begun, a log-in waiting for its code, a reset link and a
 * discussion; and something on each admin page: a claim waiting, a paper hidden, a member banned; the reader has voted for the paper page's paper.
 */
export async function seedCheckedPages(db: Db): Promise<CheckedSessions> {
  const demo = parseDemo(readFileSync(DEMO_FILE, 'utf8'), '2026-08-21', new Date().toISOString())
  const undated = demo.filter((r) => r.id === UNDATED_DEMO_PAPER).map(({ featuring: _, ...r }) => r)
  await upsertPapers(db, [{ ...BARE, withdrawn: true }, mathPaperRecord(), ...undated, ...CATEGORY_PAPERS])
  await rebuildVectors(db)
  const admin = await signedInUser(db, CHECKED_ADMIN) // first, so the site's admin
  const reader = await signedInUser(db, CHECKED_READER)
  // What a profile and a collection show: a submission, a comment, a public and a private list.
  const now = new Date().toISOString()
  // Their vote, so that the signed-in pages show a pressed vote button beside unpressed ones.
  await setVote(db, reader.user.id, '2608.19880', true, now)
  await recordSubmission(db, reader.user.id, CHECKED_PAPERS[0]!, now)
  await addComment(db, { paperId: CHECKED_PAPERS[0]!, userId: reader.user.id, body: 'A *clear* ablation.' }, now)
  const fields = { name: 'Reading group: diffusion', description: 'Papers for the\nThursday group.', isPublic: true }
  const shared = await createCollection(db, reader.user.id, fields, now)
  await createCollection(db, reader.user.id, { name: 'Private notes', description: '', isPublic: false }, now)
  for (const id of CHECKED_PAPERS) await addToCollection(db, shared.id, id, now)
  await setUpvotesPublic(db, reader.user.id, true)
  await seedFollows(db, reader.user.id)
  await startTwoFactor(db, reader.user.id, newTotpSecret(), new Date().toISOString())
  await createLoginChallenge(db, CHECKED_CHALLENGE, { userId: reader.user.id, next: '/', expiresAt: FAR_FUTURE })
  await createEmailToken(db, CHECKED_RESET, {
    user_id: reader.user.id,
    purpose: 'reset',
    email: reader.user.email,
    created_at: new Date().toISOString(),
    expires_at: FAR_FUTURE,
  })
  const second = await signedInUser(db, CHECKED_TWO_FACTOR_READER)
  await startTwoFactor(db, second.user.id, newTotpSecret(), new Date().toISOString())
  await enableTwoFactor(db, second.user.id, newRecoveryCodes(), new Date().toISOString())
  await createSession(
    db,
    CHECKED_TWO_FACTOR_SESSION,
    second.user.id,
    { now: new Date().toISOString(), expiresAt: FAR_FUTURE },
    null,
  )
  // Their digest, subscribed from settings: what the settings page and the signed links show.
  await db.kysely
    .withTables<{ site_secrets: { name: string; value: string } }>()
    .insertInto('site_secrets')
    .values({ name: 'digest-links', value: CHECKED_DIGEST_SECRET })
    .execute()
  await subscribeAccount(db, second.user.id, second.user.email, now)
  await seedDiscussion(db, reader.user.id)
  await seedWebhooks(db, reader.user.id)
  await fileClaim(
    db,
    { paperId: MATH_PAPER_ID, position: 0, authorName: mathPaperRecord().authors![0]!, userId: reader.user.id },
    now,
  )
  await moderatePaper(db, admin.user, BARE.id, true, 'a test of the admin pages', now)
  const banned = await signedInUser(db, 'checked_banned')
  await moderateUser(db, admin.user, banned.user.username, true, '<b>spam</b> & more', now)
  return { reader, admin }
}

/**
 * A discussion with all a thread can hold: Markdown, replies nested past the depth shown, the
 * reader's own comment (editable), a deleted comment with a reply, and a hidden one.
 */
async function seedDiscussion(db: Db, readerId: number): Promise<void> {
  const grace = (await signedInUser(db, 'grace')).user.id
  const now = Date.now()
  const say = async (userId: number, body: string, parentId?: number) =>
    (await addComment(db, { paperId: DISCUSSED_PAPER, userId, body, parentId }, now)).id
  const first = await say(
    grace,
    '**Nice benchmark.** Does the `intent` metric hold up on\n\n> longer edits, as in Table 3?\n\nSee https://arxiv.org/abs/2608.19880 and:\n\n- the ablation\n- the appendix',
  )
  let parent = await say(readerId, 'It does, mostly: see *Appendix B*.', first)
  for (const depth of [2, 3, 4, 5]) parent = await say(depth % 2 ? readerId : grace, `Reply at depth ${depth}.`, parent)
  const deleted = await say(grace, 'I take this back.')
  await say(readerId, 'A reply to a deleted comment.', deleted)
  await deleteComment(db, deleted, grace, now)
  const hidden = await say(grace, 'Buy cheap watches at https://spam.example')
  await setCommentHidden(db, hidden, true, now)
  await say(readerId, '<script>alert(1)</script> is shown as text.')
}

/**
 * What the Following page shows: follows of an author, a category and a search, whose papers all
 * arrived with the seed; and two papers of the author's the reader knew a month ago, one revised
 * since and one withdrawn.
 */
async function seedFollows(db: Db, readerId: number): Promise<void> {
  const now = new Date().toISOString()
  const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString()
  await upsertPapers(
    db,
    FLAGGED.map((p, i) => ({
      id: p.id,
      title: p.title,
      abstract: 'We revisit what the pages of a site must pass.',
      version: p.version,
      publishedAt: monthAgo,
      updatedAt: i === 0 ? now : monthAgo,
      categories: ['cs.SE'],
      authors: [CHECKED_AUTHOR, 'Grace Checkley'],
      withdrawn: i === 1,
    })),
  )
  await db.kysely
    .updateTable('papers')
    .set({ created_at: monthAgo })
    .where(
      'id',
      'in',
      FLAGGED.map((p) => p.id),
    )
    .execute()
  const follows = [
    { kind: 'author' as const, target: CHECKED_AUTHOR, label: CHECKED_AUTHOR, qualifiers: [] },
    { kind: 'category' as const, target: 'cs.cl', label: 'cs.CL', qualifiers: [] },
    { kind: 'search' as const, target: 'q=benchmark', label: '“benchmark”', qualifiers: [] },
  ]
  for (const f of follows) await follow(db, readerId, f, now)
  const first = await db.kysely
    .withTables<FollowTables>()
    .selectFrom('follows')
    .select('id')
    .orderBy('id')
    .executeTakeFirstOrThrow()
  if (first.id !== 1) throw new Error(`CHECKED_ALERT_TOKEN names follow 1, but the first follow is ${first.id}`)
  await db.kysely
    .withTables<{ site_secrets: { name: string; value: string } }>()
    .insertInto('site_secrets')
    .values({ name: 'alert-links', value: CHECKED_ALERT_SECRET })
    .execute()
  await markSeen(db, readerId, new Date(Date.now() - 7 * 86_400_000).toISOString())
}
