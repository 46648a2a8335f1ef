/**
 * Waits for every promise, then throws the first failure: unlike Promise.all, nothing is still
 * running when the caller goes on (to clean up, or to retry what failed).
 */
export async function settleAll<T>(promises: readonly Promise<T>[]): Promise<T[]> {
  const outcomes = await Promise.allSettled(promises)
  const failed = outcomes.find((o) => o.status === 'rejected')
  if (failed) throw failed.reason
  return outcomes.map((o) => (o as PromiseFulfilledResult<T>).value)
}
