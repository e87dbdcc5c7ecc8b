// Helpers for loads and actions. The hook already applied the route rule; these repeat the
// sign-in check so a route moved out from under its rule still fails closed, and translate
// service errors (NotFoundError, ForbiddenError) into HTTP answers.
import { error, isHttpError, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actor } from './actor';
import { BUSY_MESSAGE, isBusy, whenWritable } from '../db/busy';
import { ForbiddenError, NotFoundError } from '../errors';

export function requireUser(event: Pick<RequestEvent, 'locals' | 'url'>): Actor {
	const user = event.locals.user;
	if (!user) redirect(303, `/masuk?${new URLSearchParams({ ke: `${event.url.pathname}${event.url.search}` })}`);
	return user;
}

/** Runs a service call; a hidden or missing resource becomes 404, a read-only one 403. */
export async function orHttpError<T>(fn: () => T | Promise<T>): Promise<T> {
	try {
		return await fn();
	} catch (e) {
		if (e instanceof NotFoundError) error(404, e.message);
		if (e instanceof ForbiddenError) error(403, e.message);
		if (isBusy(e)) error(503, BUSY_MESSAGE);
		throw e;
	}
}

/**
 * orHttpError for a service call that writes: while the database is locked (an import merging
 * its batch) it waits without blocking the server (db/busy.ts), then answers 503 with a plain
 * message. Forms that hand their values back catch it (busyAnswer) and return fail(503, …).
 */
export async function writeOrHttpError<T>(fn: () => T | Promise<T>): Promise<T> {
	try {
		return await whenWritable(fn);
	} catch (e) {
		return await orHttpError(() => {
			throw e;
		});
	}
}

/** The 503 writeOrHttpError throws when the database stayed locked. */
export function busyAnswer(e: unknown): boolean {
	return isHttpError(e, 503);
}

export { BUSY_MESSAGE };

/** A route parameter that must be a positive whole id; anything else is a 404, not a 500. */
export function idParam(value: string): number {
	if (!/^\d{1,9}$/.test(value) || Number(value) < 1) error(404, 'Data ini tidak ada. Mungkin alamatnya salah.');
	return Number(value);
}
