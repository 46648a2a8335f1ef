import { Layout } from './layout.js'
import type { Site } from './site.js'

export function ErrorPage(props: { site: Site; status: number; title: string; message: string }) {
  return (
    <Layout site={props.site} title={props.title}>
      <section class="message-page">
        <p class="status">Error {props.status}</p>
        <h1>{props.title}</h1>
        <p>{props.message}</p>
        <p>
          <a href="/">Go to the latest papers</a>
        </p>
      </section>
    </Layout>
  )
}
