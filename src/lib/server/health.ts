// GET /healthz: what a monitor (or an operator with curl) needs to know. The database answers,
// and how old the newest market data is; parts added later report here too (the background
// writer of issue 12 item 1 registers its own check with registerHealthCheck).
import type { Db } from './db';
import { newestObservation, probeDatabase } from './db/queries/write/health';
import { logInternalError } from './errors';

export interface HealthCheck {
	ok: boolean;
	/** Plain words for whoever reads the answer. */
	detail: string;
	[key: string]: unknown;
}

const extra = new Map<string, () => HealthCheck | Promise<HealthCheck>>();

/** Adds a named check (replacing one of the same name). A check that throws counts as failed. */
export function registerHealthCheck(name: string, check: () => HealthCheck | Promise<HealthCheck>): void {
	extra.set(name, check);
}

const DAY = 86_400_000;

export async function health(db: Db, now = new Date()): Promise<{ ok: boolean; checks: Record<string, HealthCheck> }> {
	const checks: Record<string, HealthCheck> = {};
	try {
		await probeDatabase(db);
		checks.database = { ok: true, detail: 'Database bisa dibaca.' };
		const newest = await newestObservation(db);
		const ageDays = newest ? Math.floor((now.getTime() - Date.parse(`${newest}T00:00:00Z`)) / DAY) : null;
		// Old data is not a failure of the server: it is reported, and the pages say "data sudah lama".
		checks.data = {
			ok: true,
			detail: newest ? `Data pasar terbaru per ${newest} (${ageDays} hari lalu).` : 'Belum ada data pasar.',
			newestObservation: newest,
			ageDays,
			stale: ageDays !== null && ageDays > 28
		};
	} catch (e) {
		// Public endpoint: the reason goes to the log, the answer names its id.
		checks.database = { ok: false, detail: `Database tidak bisa dibaca (kode ${logInternalError(e, 'healthz database')}).` };
	}
	for (const [name, check] of extra) {
		try {
			checks[name] = await check();
		} catch (e) {
			checks[name] = { ok: false, detail: `Pemeriksaan gagal (kode ${logInternalError(e, `healthz ${name}`)}).` };
		}
	}
	return { ok: Object.values(checks).every((c) => c.ok), checks };
}
