import { expect, it } from 'vitest'
import { settleAll } from './settle-all.js'

it('returns every value in order', async () => {
  expect(await settleAll([Promise.resolve(1), Promise.resolve(2)])).toEqual([1, 2])
})

it('throws the first failure only once every promise has settled', async () => {
  let slowDone = false
  const slow = new Promise<number>((resolve) =>
    setTimeout(() => {
      slowDone = true
      resolve(1)
    }, 20),
  )
  await expect(
    settleAll([Promise.reject(new Error('first')), slow, Promise.reject(new Error('second'))]),
  ).rejects.toThrow('first')
  expect(slowDone).toBe(true)
})
