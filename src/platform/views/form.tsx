import type { Child } from 'hono/jsx'
import { maskCsrfToken } from '../http/csrf-mask.js'
import { currentViewer } from '../http/viewer.js'

/**
 * The pieces every form is built from, so that each one is labelled, says what is wrong next to the
 * field (aria-describedby), carries the signed-in reader's CSRF token and a honeypot for bots.
 */

interface FieldProps {
  id: string
  name: string
  label: string
  type?: 'text' | 'email' | 'password' | 'url' | 'search' | 'number' | 'file'
  value?: string
  autocomplete?: string
  required?: boolean
  minlength?: number
  maxlength?: number
  pattern?: string
  inputmode?: 'numeric' | 'text' | 'email'
  /** For a file field: the types it takes (`.json,application/json`). */
  accept?: string
  /** A line under the field that says what it takes. */
  hint?: string
  /** What is wrong with the value sent; the field is marked invalid and points at it. */
  error?: string
}

export function Field({ id, label, hint, error, type = 'text', ...input }: FieldProps) {
  const described = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ')
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type={type}
        {...input}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described || undefined}
      />
      {hint && (
        <p class="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  )
}

/** A form-wide problem (wrong password, too many attempts), announced when the page loads. */
export function FormError({ message }: { message?: string }) {
  if (!message) return null
  return (
    <p class="form-error" role="alert">
      {message}
    </p>
  )
}

/**
 * The signed-in reader's CSRF token, masked anew on every form (csrf-mask.ts); nothing for an
 * anonymous reader, whose forms change nothing of theirs.
 */
export function CsrfField() {
  const viewer = currentViewer()
  return viewer ? <input type="hidden" name="_csrf" value={maskCsrfToken(viewer.csrfToken)} /> : null
}

/** A field people never see or fill (hidden from screen readers too); bots that fill every field do. */
export const HONEYPOT_FIELD = 'website'
export function Honeypot({ id = 'hp-website' }: { id?: string }) {
  return (
    <div class="honeypot" aria-hidden="true">
      <label for={id}>Leave this empty</label>
      <input id={id} type="text" name={HONEYPOT_FIELD} tabindex={-1} autocomplete="off" />
    </div>
  )
}

/** A POST form with its CSRF token; `upload` sends it as multipart, for its file fields. */
export function PostForm({
  action,
  class: className,
  upload,
  children,
}: {
  action: string
  class?: string
  upload?: boolean
  children?: Child
}) {
  return (
    <form method="post" action={action} class={className} enctype={upload ? 'multipart/form-data' : undefined}>
      <CsrfField />
      {children}
    </form>
  )
}
