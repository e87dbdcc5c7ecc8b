// Helpers for loads and actions. The hook already applied the route rule; these repeat the
// sign-in check so a route moved out from under its rule still fails closed, and translate
// service errors (NotFoundError, ForbiddenError) into HTTP answers.
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actor } from './actor';
import { ForbiddenError, NotFoundError } from '../errors';

export function requireUser(event: Pick<RequestEvent, 'locals' | 'url'>): Actor {
	const user = event.locals.user;
	if (!user) redirect(303, `/masuk?${new URLSearchParams({ ke: `${event.url.pathname}${event.url.search}` })}`);
	return user;
}

/** Runs a service call; a hidden or missing resource becomes 404, a read-only one 403. */
export function orHttpError<T>(fn: () => T): T {
	try {
		return fn();
	} catch (e) {
		if (e instanceof NotFoundError) error(404, e.message);
		if (e instanceof ForbiddenError) error(403, e.message);
		throw e;
	}
}

/** A route parameter that must be a positive whole id; anything else is a 404, not a 500. */
export function idParam(value: string): number {
	if (!/^\d{1,9}$/.test(value) || Number(value) < 1) error(404, 'Data ini tidak ada. Mungkin alamatnya salah.');
	return Number(value);
}
