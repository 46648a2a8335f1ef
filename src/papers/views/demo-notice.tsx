/** Says plainly that a listing shows the bundled demo set, and how real days replace it. */
export function DemoNotice() {
  return (
    <div class="notice">
      <p>
        <strong>These are demo papers</strong>, bundled so that a new site has something to show. Import real days with{' '}
        <code>npx paperboy import &lt;folder&gt;</code> or let the ingest feature papers: the demo steps aside as soon
        as real papers are featured, or now with <code>npx paperboy demo remove</code>.
      </p>
    </div>
  )
}
