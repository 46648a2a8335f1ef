/** Where a reader files a claim to one of a paper's author entries (field `author`: its position). */
export const claimPath = (paperId: string) => `/papers/${paperId}/claims`
/** Where an admin approves or rejects a claim. */
export const claimDecisionPath = (claimId: number, decision: 'approve' | 'reject') =>
  `/admin/claims/${claimId}/${decision}`
