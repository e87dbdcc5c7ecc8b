import { fail, redirect } from '@sveltejs/kit';
import { parseRupiah } from '$lib/analysis/money';
import { getDb } from '$lib/server/db';
import { BUSY_MESSAGE, busyAnswer, idParam, orHttpError, requireUser, writeOrHttpError } from '$lib/server/auth/guard';
import { agentOptions, categoryOptions, producerDetailFor } from '$lib/server/read/agents';
import { assignProducerFor } from '$lib/server/write/producers';
import { createProductFor } from '$lib/server/write/products';
import { FieldError, ForbiddenError } from '$lib/server/errors';
import { canResetPassword, producerAccountId, resetPassword } from '$lib/server/auth/accounts';
import { isBusy, whenWritable } from '$lib/server/db/busy';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const id = idParam(event.params.id);
	const db = getDb();
	const producer = await orHttpError(async () => producerDetailFor(db, user, id));
	return {
		producer,
		categories: await categoryOptions(db),
		agents: user.role === 'admin' ? (await agentOptions(db)) : null,
		isNew: event.url.searchParams.has('baru'),
		// The producer's account, when this agent (or an admin) may give it a one-time code.
		canReset: (async () => {
			const account = await producerAccountId(db, id);
			return account !== null && (await canResetPassword(db, user, account));
		})()
	};
};

const UNITS = { g: 'g', ml: 'ml', pcs: 'pcs' } as const;

export const actions: Actions = {
	produk: async (event) => {
		const user = requireUser(event);
		const producerId = idParam(event.params.id);
		const form = await event.request.formData();
		const text = (k: string) => String(form.get(k) ?? '').slice(0, 200);
		const values = { name: text('name'), categoryId: text('categoryId'), price: text('price'), packQuantity: text('packQuantity'), unit: text('unit') };
		const price = parseRupiah(values.price);
		const pack = Number(values.packQuantity.replace(',', '.'));
		let id: number;
		try {
			id = await writeOrHttpError(async () =>
				createProductFor(getDb(), user, producerId, {
					name: values.name,
					categoryId: Number(values.categoryId),
					price: price ?? NaN,
					packQuantity: Number.isFinite(pack) ? pack : NaN,
					unit: UNITS[values.unit as keyof typeof UNITS] ?? ('' as 'pcs')
				})
			);
		} catch (e) {
			if (e instanceof FieldError) return fail(422, { form: 'produk', values, field: e.field, message: e.message });
			if (busyAnswer(e)) return fail(503, { form: 'produk', values, message: BUSY_MESSAGE });
			throw e;
		}
		// Straight to the explain view: what the agent came to show the producer.
		redirect(303, `/agen/produk/${id}`);
	},
	// Forgotten password: a one-time code to pass on by phone or WhatsApp, shown once.
	kode: async (event) => {
		const user = requireUser(event);
		const producerId = idParam(event.params.id);
		const db = getDb();
		await orHttpError(async () => producerDetailFor(db, user, producerId));
		const account = await producerAccountId(db, producerId);
		if (account === null) return fail(422, { form: 'kode', message: 'Produsen ini belum punya akun.' });
		try {
			const { code, name } = await whenWritable(async () => resetPassword(db, user, account));
			return { form: 'kode', code, name };
		} catch (e) {
			if (e instanceof ForbiddenError) return fail(403, { form: 'kode', message: e.message });
			if (isBusy(e)) return fail(503, { form: 'kode', message: BUSY_MESSAGE });
			throw e;
		}
	},
	pindahkan: async (event) => {
		const user = requireUser(event);
		const producerId = idParam(event.params.id);
		const raw = String((await event.request.formData()).get('agentId') ?? '');
		await writeOrHttpError(async () => assignProducerFor(getDb(), user, producerId, raw ? Number(raw) : null));
		return { form: 'pindahkan', saved: true };
	}
};
