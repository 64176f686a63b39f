// Errors that end a run with exit status 2 and one line on stderr.

/** A bad option or argument: the message says what is wrong and how to fix it. */
export class UsageError extends Error {}

/** A file that could not be read: the message names the file and the reason. */
export class InputError extends Error {}
