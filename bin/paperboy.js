#!/usr/bin/env node
// Runs the TypeScript sources through tsx's loader: no build step between `npm ci` and `npm start`
// (docs/decisions/0001-run-typescript-with-tsx.md).
import { register } from 'tsx/esm/api'

register()
await import('../src/cli.ts')
