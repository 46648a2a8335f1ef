import { formatCount, formatDay, plural } from '../../platform/views/format.js'
import { Layout } from '../../platform/views/layout.js'
import type { PreviewImage } from '../../platform/views/preview-image.js'
import type { Site } from '../../platform/views/site.js'
import { arxivAbsUrl, arxivPdfUrl, isArxivId } from '../arxiv-id.js'
import { toBibtex } from '../citation/bibtex.js'
import { citationMeta } from '../citation/meta-tags.js'
import type { Featuring, Paper } from '../model.js'
import { paperPath, periodPath } from '../paths.js'
import { texToPlainText } from '../tex/plain.js'
import type { SimilarPaper } from '../../search/model.js'
import { PaperActions, PaperAuthors, PaperDiscussion, type PaperCommunity } from '../../community/paper-community.js'
import { ExportLinks } from '../../exports/views.js'
import { AuthorList } from './author-list.js'
import { SimilarPapers } from './similar-papers.js'
import { TexText } from './tex-text.js'

interface PaperPageProps {
  site: Site
  paper: Paper
  featurings: Featuring[]
  /** Its link preview: the paper's thumbnail, or its generated card. */
  image: PreviewImage
  /** Papers like this one (search/similar.ts); none before the vectors are built. */
  similar?: SimilarPaper[]
  /** Votes, comments, collections: what readers add (community/paper-community.tsx). */
  community?: PaperCommunity
}

export function PaperPage({ site, paper, featurings, image, similar = [], community }: PaperPageProps) {
  const url = `${site.baseUrl}${paperPath(paper.id)}`
  const title = texToPlainText(paper.title)
  const arxiv = isArxivId(paper.id)
  const authors = paper.authors.flatMap((a, position) => {
    if (a.hidden) return []
    const member = community?.claimedAuthors.get(position)
    return [{ name: a.name, ...(member && { profile: `/u/${member.user.username}` }) }]
  })
  const latest = featurings[0]
  const head = (
    <>
      <meta name="description" content={texToPlainText(paper.abstract).slice(0, 300)} />
      {citationMeta(paper).map(([name, content]) => (
        <meta name={name} content={content} />
      ))}
      <meta property="og:type" content="article" />
      <meta property="og:site_name" content={site.name} />
      <meta property="og:title" content={title} />
      <meta property="og:description" content={texToPlainText(paper.aiSummary ?? paper.abstract).slice(0, 300)} />
      <meta property="og:url" content={url} />
    </>
  )
  return (
    <Layout site={site} title={title} canonical={paperPath(paper.id)} image={image} head={head}>
      <article class="paper" aria-labelledby="paper-title">
        <header class="paper-head">
          {latest && (
            <p class="crumbs">
              Featured in{' '}
              <a href={periodPath('day', latest.featuredOn)}>Daily Papers of {formatDay(latest.featuredOn)}</a>
            </p>
          )}
          <h1 id="paper-title">
            <TexText text={paper.title} />
          </h1>
          {paper.withdrawn && <p class="withdrawn">This paper has been withdrawn by its authors.</p>}
          <AuthorList authors={authors} />
          {community && <PaperAuthors community={community} paper={paper} />}
        </header>
        <div class="paper-body">
          <div class="paper-side">
            <PaperLinks paper={paper} arxiv={arxiv} />
            {community && <PaperActions community={community} />}
            <dl class="facts">
              {arxiv && <Fact term="arXiv" value={paper.version ? `${paper.id}v${paper.version}` : paper.id} />}
              {paper.publishedAt && <Fact term="Published" value={formatDay(paper.publishedAt)} />}
              {featurings.length > 0 && (
                <Fact term="Featured" value={featurings.map((f) => formatDay(f.featuredOn)).join(', ')} />
              )}
              {paper.categories.length > 0 && <Fact term="Categories" value={paper.categories.join(', ')} />}
              {/* The vote button shows the count, and keeps it current when it is pressed. */}
              {!community && <Fact term="Upvotes" value={formatCount(paper.upvotes)} />}
              <Fact term="Comments" value={String(paper.numComments)} />
            </dl>
            <p class="meta">
              <a href={paperPath(paper.id, { format: 'md' })}>Markdown</a>
              <a href={`/api/papers/${paper.id}`}>JSON</a>
              {authors.length > 0 && <span>{plural(authors.length, 'author')}</span>}
            </p>
          </div>
          <div class="paper-main">
            {paper.aiSummary && (
              <section aria-labelledby="ai-summary">
                <h2 id="ai-summary">AI-generated summary</h2>
                <div class="ai-summary">
                  <p>
                    <TexText text={paper.aiSummary} />
                  </p>
                  {paper.aiKeywords.length > 0 && (
                    <ul class="keywords" aria-label="Keywords">
                      {paper.aiKeywords.map((k) => (
                        <li>{k}</li>
                      ))}
                    </ul>
                  )}
                </div>
              </section>
            )}
            <section aria-labelledby="abstract">
              <h2 id="abstract">Abstract</h2>
              <p class="abstract">
                {paper.abstract ? <TexText text={paper.abstract} /> : 'No abstract is available for this paper.'}
              </p>
            </section>
            {community && <PaperDiscussion community={community} />}
            <SimilarPapers similar={similar} />
            <section class="bibtex" aria-labelledby="cite">
              <h2 id="cite">Cite this paper</h2>
              {/* Focusable because it scrolls; a named region, because a bare <pre> may not carry a name. */}
              <pre id="bibtex" tabindex={0} role="region" aria-label="BibTeX entry">
                <code>{toBibtex(paper, arxiv ? arxivAbsUrl(paper.id) : url)}</code>
              </pre>
              <div class="bibtex-actions">
                <button type="button" class="secondary" data-copy="bibtex" hidden>
                  Copy BibTeX
                </button>
                <span id="bibtex-status" class="copy-status" role="status" />
              </div>
              <ExportLinks label="Download the citation" hrefOf={(format) => paperPath(paper.id, { format })} />
            </section>
          </div>
        </div>
      </article>
    </Layout>
  )
}

function PaperLinks({ paper, arxiv }: { paper: Paper; arxiv: boolean }) {
  return (
    <ul class="links" aria-label="Links">
      {arxiv && (
        <li>
          <a class="button" href={arxivAbsUrl(paper.id)}>
            arXiv page
          </a>
        </li>
      )}
      {arxiv && (
        <li>
          <a class="button secondary" href={arxivPdfUrl(paper.id)}>
            PDF
          </a>
        </li>
      )}
      {paper.githubRepo && (
        <li>
          <a class="button secondary" href={paper.githubRepo}>
            Code{paper.githubStars !== null && ` · ★ ${formatCount(paper.githubStars)}`}
          </a>
        </li>
      )}
      {paper.projectPage && (
        <li>
          <a class="button secondary" href={paper.projectPage}>
            Project page
          </a>
        </li>
      )}
    </ul>
  )
}

function Fact({ term, value }: { term: string; value: string }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  )
}
