// /impor/sumber through its real load and form actions (issue 18): an admin adds a feed (each
// wrong input answered next to its field, private addresses refused unless allowed), pulls it
// now against a real local server, sees its status in plain words, and removes it. A late feed
// is flagged on the page, in the banner every page shows an admin (and nobody else), and in
// /healthz, whose answer carries no URL.
import { isHttpError } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Role } from '../../src/lib/server/auth/actor';
import { setDb } from '../../src/lib/server/db';
import { getFeedByName } from '../../src/lib/server/db/feeds';
import { registerHealthCheck, health } from '../../src/lib/server/health';
import { feedsHealth } from '../../src/lib/server/read/feeds';
import { scheduleConfigFromEnv } from '../../src/lib/server/feeds/config';
import { listingsCsv, startExportServer, type ExportServer } from '../fixtures/export-server';
import { createWorld, type World } from '../security/world';
import { sqlExec } from '../fixtures/sql';

let world: World;
let server: ExportServer;
const page = () => import('../../src/routes/impor/sumber/+page.server');
const layout = () => import('../../src/routes/+layout.server');

function event(role: Role, body?: URLSearchParams) {
	const url = new URL('http://localhost/impor/sumber');
	return {
		route: { id: '/impor/sumber' },
		url,
		params: {},
		locals: { user: world.actors[role], sessionId: 'x' },
		request: body ? new Request(url, { method: 'POST', body }) : new Request(url)
	};
}

async function post(name: 'tambah' | 'tarik' | 'hapus', fields: Record<string, string>, role: Role = 'admin') {
	const { actions } = await page();
	return (actions[name] as (e: unknown) => Promise<Record<string, unknown>>)(event(role, new URLSearchParams(fields)));
}

beforeAll(async () => {
	world = await createWorld();
	setDb(world.db);
	server = await startExportServer({
		body: listingsCsv([
			['K1', 'Kopi Robusta Temanggung 250 gr', 'Rp45.000', 120],
			['K2', 'Kopi Robusta Bubuk 250 gr', 'Rp40.000', 80]
		]),
		contentType: 'text/csv'
	});
});
afterAll(async () => {
	setDb(undefined);
	await server.close();
});

describe('/impor/sumber', () => {
	test('only admins: others get 403 from the service too', async () => {
		const { load } = await page();
		for (const role of ['produsen', 'agen', 'koperasi'] as const) {
			await expect(Promise.resolve().then(() => (load as (e: unknown) => unknown)(event(role)))).rejects.toSatisfy((e) => isHttpError(e) && e.status === 403);
		}
		await expect(post('tambah', { nama: 'x', alamat: server.url() }, 'agen')).rejects.toSatisfy(
			(e) => isHttpError(e) && e.status === 403 && e.body.message.includes('Hanya admin')
		);
	});

	test('a wrong input is answered next to its field; a private address only when allowed', async () => {
		expect(await post('tambah', { nama: '', alamat: server.url() })).toMatchObject({ status: 422, data: { field: 'nama' } });
		expect(await post('tambah', { nama: 'Kopi', alamat: 'file:///etc/passwd' })).toMatchObject({ status: 422, data: { field: 'alamat', message: expect.stringMatching(/file:/) } });
		expect(await post('tambah', { nama: 'Kopi', alamat: server.url(), jadwal: '1w' })).toMatchObject({ status: 422, data: { field: 'alamat', message: expect.stringMatching(/jaringan lokal/) } });
		expect(await post('tambah', { nama: 'Kopi', alamat: server.url(), jadwal: '1y', lokal: 'ya' })).toMatchObject({ status: 422, data: { field: 'jadwal' } });
		expect(await post('tambah', { nama: 'Kopi', alamat: server.url(), bentuk: 'tidak-ada', lokal: 'ya' })).toMatchObject({ status: 422, data: { field: 'bentuk' } });
		expect(await post('tambah', { nama: 'Kopi', alamat: server.url(), peta: 'Harga', lokal: 'ya' })).toMatchObject({ status: 422, data: { field: 'peta' } });
		expect(await post('tambah', { nama: 'Kopi mitra', alamat: server.url(), jadwal: '1w', bentuk: 'auto', lokal: 'ya' })).toEqual({ added: 'Kopi mitra' });
		expect(await post('tambah', { nama: 'Kopi mitra', alamat: server.url(), lokal: 'ya' })).toMatchObject({ status: 422, data: { field: 'nama', message: expect.stringMatching(/sudah dipakai/) } });
	});

	test('pull now, then the status in plain words; remove', async () => {
		const feed = (await getFeedByName(world.db, 'Kopi mitra'))!;
		const answer = await post('tarik', { id: String(feed.id) });
		expect(answer).toMatchObject({ pulled: { feed: 'Kopi mitra', status: 'imported', rows: 2, rejected: 0 } });
		const { load } = await page();
		const data = (await (load as (e: unknown) => Promise<unknown>)(event('admin'))) as Awaited<ReturnType<typeof import('../../src/lib/server/read/feeds').sourcesPage>>;
		const view = data.feeds.find((f) => f.name === 'Kopi mitra')!;
		expect(view).toMatchObject({ every: 'setiap minggu', late: false, rowsIn: 2, rejected: 0, rowsText: '2 baris masuk, 0 ditolak (baru saja).' });
		expect(view.lastAttempt).toMatch(/^baru saja \(\d+ \w+ \d{4}\): data baru masuk\.$/);
		expect(view.nextRun).toMatch(/^dalam 7 hari \(/);
		expect(view.runs[0]).toMatchObject({ words: 'data baru masuk', rowsIn: 2 });
		expect(await post('tarik', { id: String(feed.id) })).toMatchObject({ pulled: { status: 'unchanged' } });
		expect(await post('tarik', { id: '999999' })).toMatchObject({ status: 404 });
		expect(await post('hapus', { id: String(feed.id) })).toEqual({ removed: 'Kopi mitra' });
		expect(await getFeedByName(world.db, 'Kopi mitra')).toBeNull();
		// A pull with its import and derive: seconds on a busy machine.
	}, 60_000);

	test('a late feed: on the page, in the banner admins see on every page (only admins), and in /healthz without its URL', async () => {
		await post('tambah', { nama: 'Ekspor lama', alamat: 'http://10.9.9.9/rahasia-token-123.csv', lokal: 'ya' });
		await sqlExec(world.db, "update feeds set created_at = '2020-01-01T00:00:00Z' where name = 'Ekspor lama'");
		const { load } = await page();
		const data = (await (load as (e: unknown) => Promise<unknown>)(event('admin'))) as { feeds: { name: string; late: boolean; lateText: string | null }[]; late: { name: string }[] };
		expect(data.feeds.find((f) => f.name === 'Ekspor lama')).toMatchObject({ late: true, lateText: expect.stringMatching(/^Terlambat [\d.]+ minggu: data baru seharusnya masuk 8 Januari 2020\.$/) });
		const banner = async (role: Role) => ((await ((await layout()).load as (e: unknown) => Promise<unknown>)({ locals: { user: world.actors[role] } })) as { lateSources: { name: string }[] }).lateSources;
		expect((await banner('admin')).map((s) => s.name)).toEqual(['Ekspor lama']);
		expect(await banner('agen')).toEqual([]);
		expect(await banner('produsen')).toEqual([]);

		registerHealthCheck('sumber', async () => feedsHealth(world.db, new Date(), scheduleConfigFromEnv({})));
		const checks = (await health(world.db)).checks;
		expect(checks.sumber).toMatchObject({ ok: true, detail: '1 dari 1 sumber terlambat: Ekspor lama.', feeds: 1, inbox: false, late: [{ name: 'Ekspor lama' }] });
		expect(JSON.stringify(checks)).not.toContain('rahasia-token');
	});
});
