import { Field, FormError, PostForm } from '../../platform/views/form.js'
import { Layout } from '../../platform/views/layout.js'
import type { Site } from '../../platform/views/site.js'
import type { SubmitRules } from './settings.js'
import { COMMENT_MAX } from './submit.js'

export const SUBMIT_PATH = '/submit'

interface SubmitPageProps {
  site: Site
  rules: SubmitRules
  values?: { paper?: string; comment?: string }
  errors?: { paper?: string; comment?: string; form?: string }
}

/** "Submit a paper": an arXiv id or link and an optional first comment, with the rules stated up front. */
export function SubmitPage({ site, rules, values = {}, errors = {} }: SubmitPageProps) {
  const commentDescribed = ['submit-comment-hint', errors.comment && 'submit-comment-error'].filter(Boolean).join(' ')
  return (
    <Layout site={site} title="Submit a paper">
      <section class="message-page account-form" aria-labelledby="submit-title">
        <h1 id="submit-title">Submit a paper</h1>
        <p>
          Put a recent arXiv paper on today’s list for everyone to read, upvote and discuss. A paper can be submitted if
          it appeared on arXiv in the last {rules.maxAgeDays} days and was not on the list before; you can submit{' '}
          {rules.perDay} {rules.perDay === 1 ? 'paper' : 'papers'} a day.
        </p>
        <FormError message={errors.form} />
        <PostForm action={SUBMIT_PATH}>
          <Field
            id="submit-paper"
            name="paper"
            label="arXiv id or link"
            value={values.paper}
            required
            maxlength={300}
            autocomplete="off"
            hint="For example 2401.00001, arxiv.org/abs/2401.00001v2, an arXiv PDF link or hep-th/9901001."
            error={errors.paper}
          />
          <div class="field">
            <label for="submit-comment">Comment (optional)</label>
            <textarea
              id="submit-comment"
              name="comment"
              rows={5}
              maxlength={COMMENT_MAX}
              aria-invalid={errors.comment ? 'true' : undefined}
              aria-describedby={commentDescribed}
            >
              {values.comment ?? ''}
            </textarea>
            <p class="field-hint" id="submit-comment-hint">
              Why is it worth reading? It becomes the first comment of the paper’s discussion (Markdown).
            </p>
            {errors.comment && (
              <p class="field-error" id="submit-comment-error">
                {errors.comment}
              </p>
            )}
          </div>
          <button type="submit">Submit the paper</button>
        </PostForm>
      </section>
    </Layout>
  )
}
