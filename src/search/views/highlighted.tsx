import type { Segment } from '../highlight.js'

/** Highlight segments as text, the matched words in <mark>, which readers and screen readers know. */
export function Highlighted({ segments }: { segments: Segment[] }) {
  return <>{segments.map((s) => (s.type === 'highlight' ? <mark>{s.text}</mark> : s.text))}</>
}
