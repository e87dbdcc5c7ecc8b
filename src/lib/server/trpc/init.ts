// tRPC v11 root. Input errors answer 400 with the zod issues flattened into one readable message.
// Every procedure passes the rule table (auth/rules.ts PROCEDURE_RULES) by its path: anonymous
// callers get 401, other roles 403, and a procedure without a rule is refused to everyone.
// Service errors become HTTP codes: a resource the caller may not see is 404, like a missing one.
import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import type { Context } from './context';
import type { Actor, Role } from '../auth/actor';
import { decide, procedureRule } from '../auth/rules';
import { ForbiddenError, NotFoundError } from '../services/access';

const t = initTRPC.context<Context>().create({
	errorFormatter({ shape, error }) {
		const zod = error.cause instanceof ZodError ? error.cause : null;
		return {
			...shape,
			message: zod
				? zod.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')
				: shape.message,
			data: { ...shape.data, stack: undefined, issues: zod?.issues.map((i) => ({ path: i.path.map(String), message: i.message })) }
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
const serviceErrors = t.middleware(async ({ next }) => {
	const result = await next();
	if (!result.ok) {
		const cause = result.error.cause;
		if (cause instanceof NotFoundError) throw new TRPCError({ code: 'NOT_FOUND', message: cause.message });
		if (cause instanceof ForbiddenError) throw new TRPCError({ code: 'FORBIDDEN', message: cause.message });
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
