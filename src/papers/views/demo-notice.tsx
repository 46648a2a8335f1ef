/** Says plainly that a listing shows the bundled demo set, and how real days replace it. */
export function DemoNotice() {
  return (
    <div class="notice">
      <p>
        <strong>These are demo papers</strong>, bundled with Paperboy so that a new site has something to show. Import
        real days with <code>npx paperboy import &lt;folder&gt;</code> (Hugging Face daily-papers JSON), or let the
        scheduled ingest feature papers: the demo steps aside by itself as soon as real papers are featured.{' '}
        <code>npx paperboy demo remove</code> takes it out now.
      </p>
    </div>
  )
}
