// Sign-in accounts for the demo market, one per role, linked to real rows of the seeded
// market: the agent with the most producers, that agent's producer with the most products,
// that producer's co-op. Created only in a database whose meta says demo='true', so a real
// database never gets accounts with a published password.
import { hashSync } from '@node-rs/argon2';
import type { Role } from '../auth/actor';
import { displayPhone, normalisePhone } from '../auth/phone';
import type { Db } from '../db';
import { isDemoDatabase } from '../db/meta';

/** Published in the README and printed by `npm start`: for the example data only. */
export const DEMO_PASSWORD = 'contoh123';

export const DEMO_PHONES: Record<Role, string> = {
	produsen: '081100000001',
	agen: '081100000002',
	koperasi: '081100000003',
	admin: '081100000004'
};

export interface DemoAccount {
	role: Role;
	phone: string;
	name: string;
}

function pick(db: Db): Record<Role, { name: string; producerId?: number; agentId?: number; cooperativeId?: number }> | null {
	const c = db.$client;
	const agent = c
		.prepare(
			`select a.id, a.name from agents a join producers pr on pr.agent_id = a.id
			 group by a.id order by count(*) desc, a.id limit 1`
		)
		.get() as { id: number; name: string } | undefined;
	if (!agent) return null;
	const producer = c
		.prepare(
			`select pr.id, pr.name, (select m.cooperative_id from memberships m where m.producer_id = pr.id order by m.cooperative_id limit 1) as coopId
			 from producers pr where pr.agent_id = ? and exists (select 1 from memberships m where m.producer_id = pr.id)
			 order by (select count(*) from products p where p.producer_id = pr.id) desc, pr.id limit 1`
		)
		.get(agent.id) as { id: number; name: string; coopId: number } | undefined;
	if (!producer) return null;
	const coop = c.prepare('select id, name from cooperatives where id = ?').get(producer.coopId) as { id: number; name: string };
	return {
		produsen: { name: producer.name, producerId: producer.id },
		agen: { name: agent.name, agentId: agent.id },
		koperasi: { name: coop.name, cooperativeId: coop.id },
		admin: { name: 'Admin Despro' }
	};
}

/**
 * Creates the four demo accounts if missing and returns them; returns [] (and creates nothing)
 * unless this database holds the demo market.
 */
export function ensureDemoAccounts(db: Db, now = new Date()): DemoAccount[] {
	if (!isDemoDatabase(db)) return [];
	const links = pick(db);
	if (!links) return [];
	const insert = db.$client.prepare(
		`insert into users (phone, password_hash, role, name, producer_id, agent_id, cooperative_id, created_at)
		 values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (phone) do nothing`
	);
	const exists = db.$client.prepare('select 1 from users where phone = ?');
	let hash: string | undefined;
	const out: DemoAccount[] = [];
	for (const role of Object.keys(DEMO_PHONES) as Role[]) {
		const phone = normalisePhone(DEMO_PHONES[role])!;
		const link = links[role];
		if (!exists.get(phone)) {
			hash ??= hashSync(DEMO_PASSWORD);
			insert.run(phone, hash, role, link.name, link.producerId ?? null, link.agentId ?? null, link.cooperativeId ?? null, now.toISOString());
		}
		out.push({ role, phone: displayPhone(phone), name: link.name });
	}
	return out;
}

export function printDemoAccounts(accounts: DemoAccount[], log: (line: string) => void = console.log): void {
	if (accounts.length === 0) return;
	log(`Akun contoh (hanya untuk data contoh), kata sandi semuanya: ${DEMO_PASSWORD}`);
	for (const a of accounts) log(`  ${a.role.padEnd(9)} ${a.phone}  ${a.name}`);
}
