import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'
import { currentViewer } from '../http/viewer.js'
import { CsrfField, Honeypot, PostForm } from './form.js'
import type { PreviewImage } from './preview-image.js'
import type { AlternateLink, Site } from './site.js'

interface LayoutProps {
  site: Site
  title: string
  /**
   * The page's one address for search engines (a path: `/papers/2401.00001`, `?page=2` kept, junk
   * and default parameters dropped). Pages without one (errors, form results) are kept out of
   * indexes with `noindex` instead.
   */
  canonical?: string
  /** The page's link preview; the site's card when it has none of its own. */
  image?: PreviewImage
  /** Extra tags for <head>: OpenGraph, citation_* meta. */
  head?: Child
  /** What the header's search box shows: the search being looked at. */
  query?: string
  /** The page's own feeds; the site's (the latest papers) otherwise. */
  feeds?: AlternateLink[]
  children?: Child
}

/** The page frame: header with site name, search and the digest call to action; main; footer. */
export function Layout({
  site,
  title,
  canonical,
  image = site.card,
  head,
  query,
  feeds = site.feeds,
  children,
}: LayoutProps) {
  // Without the doctype, browsers lay the page out in quirks mode.
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="color-scheme" content="light dark" />
          <title>{title === site.name ? title : `${title} · ${site.name}`}</title>
          <link rel="icon" href="/favicon.ico" />
          <link rel="stylesheet" href={site.assets.css} />
          <script src={site.assets.js} defer />
          {canonical === undefined ? (
            <meta name="robots" content="noindex" />
          ) : (
            <link rel="canonical" href={`${site.baseUrl}${canonical}`} />
          )}
          <PreviewImageTags image={image} />
          {feeds.map((f) => (
            <link rel="alternate" type={f.type} title={f.title} href={f.href} />
          ))}
          {head}
        </head>
        <body>
          <a class="skip-link" href="#main">
            Skip to content
          </a>
          <header class="site-header">
            <div class="bar">
              <a class="brand" href="/">
                <BrandMark />
                <span>{site.name}</span>
              </a>
              <form class="search" role="search" action="/search" method="get">
                <label for="site-search" class="visually-hidden">
                  Search papers
                </label>
                <input
                  id="site-search"
                  type="search"
                  name="q"
                  placeholder="Search papers or paste an arXiv id"
                  maxlength={250}
                  value={query}
                />
                <button type="submit">Search</button>
              </form>
              <nav class="main-nav" aria-label="Main">
                <a href="/papers">Daily</a>
                <a href="/papers/trending">Trending</a>
                <a href="/c">Categories</a>
                <a href="/submit">Submit</a>
              </nav>
              <AccountNav />
            </div>
            <SubscribeBar />
          </header>
          <main id="main" tabindex={-1}>
            {children}
          </main>
          <footer class="site-footer">
            <p>
              {site.name === 'Paperboy' ? 'Paperboy is' : `${site.name} runs on Paperboy,`} a self-hosted home for
              research papers. Paper metadata from arXiv and Hugging Face Daily Papers.{' '}
              <a href="/c">arXiv categories</a> · <a href="/about/ranking">How lists are ranked</a> ·{' '}
              <a href="/api/daily_papers">JSON API</a>
            </p>
          </footer>
        </body>
      </html>
    </>
  )
}

/** Open Graph's image tags, which Twitter/X reads too, and a large-image Twitter card. */
function PreviewImageTags({ image }: { image: PreviewImage }) {
  return (
    <>
      <meta property="og:image" content={image.url} />
      <meta property="og:image:type" content={image.type} />
      <meta property="og:image:width" content={String(image.width)} />
      <meta property="og:image:height" content={String(image.height)} />
      <meta property="og:image:alt" content={image.alt} />
      <meta name="twitter:card" content="summary_large_image" />
      <meta name="twitter:image:alt" content={image.alt} />
    </>
  )
}

/** Log in and sign up, or the signed-in reader's profile, settings and log out. */
function AccountNav() {
  const viewer = currentViewer()
  if (!viewer) {
    return (
      <nav class="account-nav" aria-label="Account">
        <a href="/login">Log in</a>
        <a class="button" href="/signup">
          Sign up
        </a>
      </nav>
    )
  }
  return (
    <nav class="account-nav" aria-label="Account">
      <a href={`/u/${viewer.username}`}>{viewer.username}</a>
      <a href="/following">Following</a>
      {viewer.role === 'admin' && <a href="/admin">Admin</a>}
      <a href="/settings">Settings</a>
      <PostForm action="/logout" class="logout">
        <button type="submit" class="link-button">
          Log out
        </button>
      </PostForm>
    </nav>
  )
}

function SubscribeBar() {
  return (
    <div class="subscribe-band">
      <form class="subscribe" method="post" action="/subscribe">
        <CsrfField />
        <Honeypot id="hp-subscribe" />
        <label for="subscribe-email">Get trending papers in your email inbox</label>
        <span class="subscribe-field">
          <input
            id="subscribe-email"
            type="email"
            name="email"
            required
            autocomplete="email"
            placeholder="you@lab.org"
          />
          <button type="submit">Subscribe</button>
        </span>
      </form>
    </div>
  )
}

/**
 * The site icon drawn inline, so the header needs no extra request (nor the /favicon.ico
 * redirect); it is decoration beside the site name.
 */
function BrandMark() {
  return (
    <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="#1f2937" />
      <path d="M9 8h11l4 4v12H9z" fill="#fde68a" />
      <path d="M12 14h9M12 18h9M12 22h6" stroke="#1f2937" stroke-width="2" stroke-linecap="round" />
    </svg>
  )
}
