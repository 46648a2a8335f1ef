/**
 * A mistake in a command's arguments (an unknown source, a malformed option): the CLI prints it on
 * one line and exits with status 2, as command-line tools do for usage errors, before anything is
 * opened or recorded.
 */
export class UsageError extends Error {}
