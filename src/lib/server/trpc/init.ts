// tRPC v11 root. Input errors answer 400 with the zod issues (in Indonesian) flattened into one
// readable message. Every procedure passes the rule table (auth/rules.ts PROCEDURE_RULES) by its
// path: anonymous callers get 401, other roles 403, and a procedure without a rule is refused to
// everyone. Service errors become HTTP codes: a resource the caller may not see is 404, like a
// missing one; a service's verdict on the input (InvalidInputError) is 422 with its message;
// a write that could not get the database's lock in time (db/busy.ts) is a 503 with a plain
// message; anything else is a 500 with a generic message and an id, the error itself only in the log.
import { initTRPC, TRPCError } from '@trpc/server';
import { z, ZodError } from 'zod';
import type { Context } from './context';
import type { Actor, Role } from '../auth/actor';
import { decide, procedureRule } from '../auth/rules';
import { BUSY_MESSAGE, isBusy } from '../db/busy';
import { logInternalError, ForbiddenError, NotFoundError, InvalidInputError } from '../errors';

// Validation messages in Indonesian ("Terlalu besar: …"): API users read them as they are.
z.config(z.locales.id());

/** Set on the one TRPCError an internal failure becomes, so the formatter leaves it as it is. */
const GENERIC = Symbol('generic internal error');

export const INTERNAL_MESSAGE = 'Maaf, ada masalah di server. Coba lagi sebentar lagi.';

const t = initTRPC.context<Context>().create({
	errorFormatter({ shape, error, path }) {
		const zod = error.cause instanceof ZodError ? error.cause : null;
		let message = zod ? zod.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ') : shape.message;
		// A safety net for failures outside a procedure (context, a middleware before serviceErrors):
		// the internal text never reaches the caller.
		if (error.code === 'INTERNAL_SERVER_ERROR' && !(error as { [GENERIC]?: boolean })[GENERIC]) {
			message = `${INTERNAL_MESSAGE} (kode ${logInternalError(error.cause ?? error, `tRPC ${path ?? '?'}`)})`;
		}
		if (error.code === 'PARSE_ERROR' || error.cause instanceof SyntaxError) message = 'Isi permintaan tidak terbaca: kirim JSON yang benar.';
		const field = error.cause instanceof InvalidInputError ? error.cause.field : null;
		return {
			...shape,
			message,
			data: { ...shape.data, stack: undefined, field, issues: zod?.issues.map((i) => ({ path: i.path.map(String), message: i.message })) }
		};
	}
});

const ruleTable = t.middleware(async ({ ctx, path, next }) => {
	const decision = decide(procedureRule(path), ctx.user);
	if (decision === 'sign-in') throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Silakan masuk dulu.' });
	if (decision === 'forbidden') throw new TRPCError({ code: 'FORBIDDEN', message: 'Bukan untuk peran Anda.' });
	return next();
});

// Services throw plain errors; the procedure's result carries them as TRPCError causes.
const serviceErrors = t.middleware(async ({ next, path }) => {
	const result = await next();
	if (!result.ok) {
		const cause = result.error.cause;
		if (cause instanceof NotFoundError) throw new TRPCError({ code: 'NOT_FOUND', message: cause.message });
		if (cause instanceof ForbiddenError) throw new TRPCError({ code: 'FORBIDDEN', message: cause.message });
		if (cause instanceof InvalidInputError) throw new TRPCError({ code: 'UNPROCESSABLE_CONTENT', message: cause.message, cause });
		// The database stayed locked (an import merging its batch): 503, try again in a moment.
		if (isBusy(cause)) throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: BUSY_MESSAGE });
		if (result.error.code === 'INTERNAL_SERVER_ERROR') {
			const id = logInternalError(cause ?? result.error, `tRPC ${path}`);
			const generic = new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: `${INTERNAL_MESSAGE} (kode ${id})` });
			Object.assign(generic, { [GENERIC]: true });
			throw generic;
		}
	}
	return result;
});

export const router = t.router;
/** Rule-table checked; for procedures whose rule is 'public'. */
export const publicProcedure = t.procedure.use(ruleTable).use(serviceErrors);

/** Signed in, with ctx.user non-null for the resolver. */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
	if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Silakan masuk dulu.' });
	return next({ ctx: { ...ctx, user: ctx.user as Actor } });
});

/** Signed in with one of the roles (in addition to the rule table, which must agree). */
export const roleProcedure = (...roles: Role[]) =>
	authedProcedure.use(({ ctx, next }) => {
		if (!roles.includes(ctx.user.role)) throw new TRPCError({ code: 'FORBIDDEN', message: 'Bukan untuk peran Anda.' });
		return next();
	});

export const createCallerFactory = t.createCallerFactory;
