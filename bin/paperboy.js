#!/usr/bin/env node
// Runs the compiled CLI, first rebuilding dist/ if src/ changed since the last build
// (docs/decisions/0008-compile-to-dist.md).
import { buildIfStale } from '../scripts/build.js'

try {
  buildIfStale()
} catch (error) {
  process.stderr.write(`paperboy: ${error.message}\n`)
  process.exit(1)
}
await import('../dist/cli.js')
