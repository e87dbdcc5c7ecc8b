// Queries of write/producers.ts: adding a producer and moving one to another agent.
import { and, eq } from 'drizzle-orm';
import { agents, producers, regions } from '../../schema';
import type { Conn } from './conn';
import { exec, firstRow, oneRow } from '../../run';

export async function agentExists(db: Conn, agentId: number): Promise<boolean> {
	return (await firstRow(db, db.select({ id: agents.id }).from(agents).where(eq(agents.id, agentId)))) !== undefined;
}

/** True when the code is a village's (not a district's or a province's). */
export async function villageExists(db: Conn, code: string): Promise<boolean> {
	return (
		(await firstRow(db, db
			.select({ code: regions.code })
			.from(regions)
			.where(and(eq(regions.code, code), eq(regions.level, 'village'))))) !== undefined
	);
}

/** A new producer (no phone: an account's phone lives on the user); its id. */
export async function insertProducer(db: Conn, row: { name: string; villageCode: string | null; agentId: number | null; createdAt: string }): Promise<number> {
	const { id } = await oneRow(db, db
		.insert(producers)
		.values({ name: row.name, phone: null, villageCode: row.villageCode, agentId: row.agentId, createdAt: row.createdAt })
		.returning({ id: producers.id }));
	return id;
}

export async function setProducerAgent(db: Conn, producerId: number, agentId: number | null): Promise<void> {
	await exec(db, db.update(producers).set({ agentId }).where(eq(producers.id, producerId)));
}
