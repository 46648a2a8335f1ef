// Progressive enhancement only: every page works without this file.
document.addEventListener('DOMContentLoaded', () => {
  for (const button of document.querySelectorAll('[data-copy]')) {
    const source = document.getElementById(button.dataset.copy)
    const status = document.getElementById(`${button.dataset.copy}-status`)
    if (!source || !navigator.clipboard) continue
    button.hidden = false
    button.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(source.textContent)
        if (status) status.textContent = 'Copied to the clipboard.'
      } catch {
        if (status) status.textContent = 'Copying failed: select the text and copy it by hand.'
      }
    })
  }
})

// Search filters: typing a day switches the date preset to "Custom dates", and picking a preset
// clears the days, so the form shows what the server will apply (a preset wins over days).
document.addEventListener('DOMContentLoaded', () => {
  const within = document.getElementById('search-within')
  const days = ['search-from', 'search-until'].map((id) => document.getElementById(id)).filter(Boolean)
  if (!within) return
  for (const input of days) {
    input.addEventListener('change', () => {
      if (input.value) within.value = 'custom'
    })
  }
  within.addEventListener('change', () => {
    if (within.value !== 'custom') for (const input of days) input.value = ''
  })
})

// Comments: opening Reply or Edit puts the cursor in its text box, and Ctrl+Enter (⌘+Enter) sends
// a comment from it. Without this script the <details> still open and the button still sends.
document.addEventListener(
  'toggle',
  (event) => {
    const details = event.target
    if (details instanceof HTMLDetailsElement && details.open && details.closest('.comment-actions')) {
      details.querySelector('textarea')?.focus()
    }
  },
  true,
)
document.addEventListener('keydown', (event) => {
  const box = event.target
  if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return
  if (!(box instanceof HTMLTextAreaElement) || !box.closest('.comment-form')) return
  event.preventDefault()
  box.form?.requestSubmit()
})

// Save to a collection: the name field matters only for "New collection…", so it shows only then.
document.addEventListener('DOMContentLoaded', () => {
  const select = document.getElementById('save-collection')
  const name = document.getElementById('save-new-name')?.closest('.field')
  if (!select || !name) return
  const sync = () => {
    name.hidden = select.value !== 'new'
  }
  select.addEventListener('change', () => {
    sync()
    if (!name.hidden) name.querySelector('input')?.focus()
  })
  sync()
})
// Upvote buttons: the form is sent with fetch and the button updated in place. On any failure
// (logged out, offline, a 429) the form is sent the ordinary way, which shows the page that explains.
document.addEventListener('submit', async (event) => {
  const form = event.target
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-vote')) return
  // An anonymous reader's form has no CSRF token: it goes the ordinary way, to the log-in page.
  if (!form.elements.namedItem('_csrf')) return
  event.preventDefault()
  // Not `disabled` while the vote is on its way: a disabled button loses the keyboard focus.
  if (form.dataset.busy) return
  form.dataset.busy = 'true'
  try {
    const response = await fetch(form.action, {
      method: 'POST',
      body: new URLSearchParams(new FormData(form)),
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
    })
    if (!response.ok || !(response.headers.get('content-type') || '').includes('application/json')) throw new Error()
    const { upvotes, voted } = await response.json()
    showVote(form, upvotes, voted)
    delete form.dataset.busy
  } catch {
    form.submit()
  }
})

/** The same words vote-button.tsx renders. */
function showVote(form, upvotes, voted) {
  const button = form.querySelector('button')
  form.querySelector('input[name="vote"]').value = voted ? 'none' : 'up'
  button.setAttribute('aria-pressed', String(voted))
  button.title = voted ? 'Remove your upvote' : 'Upvote'
  form.querySelector('.vote-count').textContent = upvotes < 1000 ? String(upvotes) : compactCount.format(upvotes)
  form.querySelector('.vote-unit').textContent = upvotes === 1 ? ' upvote' : ' upvotes'
}
const compactCount = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 })
