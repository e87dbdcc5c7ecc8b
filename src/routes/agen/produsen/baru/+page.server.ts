import { fail, redirect } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { BUSY_MESSAGE, busyAnswer, requireUser, writeOrHttpError } from '$lib/server/auth/guard';
import { agentOptions, villageOptions } from '$lib/server/read/agents';
import { createProducerFor } from '$lib/server/write/producers';
import { FieldError } from '$lib/server/errors';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const db = getDb();
	return { villages: await villageOptions(db, user), agents: user.role === 'admin' ? (await agentOptions(db)) : null };
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireUser(event);
		const form = await event.request.formData();
		const text = (k: string) => String(form.get(k) ?? '').slice(0, 200);
		const values = { name: text('name'), villageCode: text('villageCode'), agentId: text('agentId'), phone: text('phone') };
		let id: number;
		try {
			id = await writeOrHttpError(async () => createProducerFor(getDb(), user, {
				name: values.name,
				villageCode: values.villageCode || null,
				agentId: values.agentId ? Number(values.agentId) : null,
				phone: values.phone || null,
				password: text('password') || null
			}));
		} catch (e) {
			if (e instanceof FieldError) return fail(422, { values, field: e.field, message: e.message });
			if (busyAnswer(e)) return fail(503, { values, field: undefined, message: BUSY_MESSAGE });
			throw e;
		}
		redirect(303, `/agen/produsen/${id}?baru=1`);
	}
};
