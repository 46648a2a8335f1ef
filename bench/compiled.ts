// What the benchmarks measure in a child process comes from dist/ (which bench/run.ts brings up to
// date), as `npm start` runs it: worker threads start from compiled JavaScript, not through tsx.
const DIST = new URL('../dist/', import.meta.url)

/** The compiled module at `path` under dist/, typed as its source (`typeof import('../src/….js')`). */
export async function importCompiled<Module>(path: string): Promise<Module> {
  return (await import(new URL(path, DIST).href)) as Module
}
