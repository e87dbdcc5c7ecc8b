import { authedProcedure, router } from '../init';

export const authRouter = router({
	/** Who the session belongs to: name and role only (no phone number, no hash). */
	me: authedProcedure.query(({ ctx }) => ({ id: ctx.user.id, name: ctx.user.name, role: ctx.user.role }))
});
