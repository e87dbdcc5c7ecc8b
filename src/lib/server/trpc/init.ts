// tRPC v11 root. Input errors answer 400 with the zod issues flattened into one readable message.
import { initTRPC } from '@trpc/server';
import { ZodError } from 'zod';
import type { Context } from './context';

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

export const router = t.router;
export const publicProcedure = t.procedure;
export const createCallerFactory = t.createCallerFactory;
