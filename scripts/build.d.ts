/** Builds dist/ unless it was built from exactly these sources; returns whether it built. */
export function buildIfStale(): boolean
