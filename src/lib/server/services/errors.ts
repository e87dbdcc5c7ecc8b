// What a caller did wrong, as opposed to what went wrong inside: a service throws an
// InvalidInputError (or a subclass: a form field, an account rule) with a message meant for the
// person, and every way in shows it — a form next to its field, tRPC as a 422 with the message.
// Anything else thrown is internal: callers get a generic message and an id, the log the rest.
export class InvalidInputError extends Error {
	constructor(
		message: string,
		/** The input field at fault, where there is one (a form field, a procedure's input key). */
		readonly field: string | null = null
	) {
		super(message);
		this.name = 'InvalidInputError';
	}
}
