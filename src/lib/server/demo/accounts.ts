// Sign-in accounts for the demo market, one per role, linked to real rows of the seeded
// market: the agent with the most producers, that agent's producer with the most products,
// that producer's co-op. Created only in a database whose meta says demo='true', so a real
// database never gets accounts with a published password.
import { hashSync } from '@node-rs/argon2';
import type { Role } from '../auth/actor';
import { displayPhone, normalisePhone } from '../auth/phone';
import type { Db } from '../db';
import { isDemoDatabase } from '../db/meta';
import { agentsBusiestMember, busiestAgent, cooperativeById, insertUserIfPhoneFree, userExistsWithPhone } from '../db/queries/demo/accounts';

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

async function pick(db: Db): Promise<Record<Role, { name: string; producerId?: number; agentId?: number; cooperativeId?: number }> | null> {
	const agent = await busiestAgent(db);
	if (!agent) return null;
	const producer = await agentsBusiestMember(db, agent.id);
	if (!producer) return null;
	const coop = await cooperativeById(db, producer.coopId);
	if (!coop) return null;
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
export async function ensureDemoAccounts(db: Db, now = new Date()): Promise<DemoAccount[]> {
	if (!(await isDemoDatabase(db))) return [];
	const links = await pick(db);
	if (!links) return [];
	let hash: string | undefined;
	const out: DemoAccount[] = [];
	for (const role of Object.keys(DEMO_PHONES) as Role[]) {
		const phone = normalisePhone(DEMO_PHONES[role])!;
		const link = links[role];
		if (!(await userExistsWithPhone(db, phone))) {
			hash ??= hashSync(DEMO_PASSWORD);
			await insertUserIfPhoneFree(db, {
				phone,
				passwordHash: hash,
				role,
				name: link.name,
				producerId: link.producerId ?? null,
				agentId: link.agentId ?? null,
				cooperativeId: link.cooperativeId ?? null,
				createdAt: now.toISOString()
			});
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
