// Queries of write/producers.ts: adding a producer and moving one to another agent.
import { and, eq } from 'drizzle-orm';
import { agents, producers, regions } from '../../schema';
import type { Conn } from './conn';

export function agentExists(db: Conn, agentId: number): boolean {
	return db.select({ id: agents.id }).from(agents).where(eq(agents.id, agentId)).get() !== undefined;
}

/** True when the code is a village's (not a district's or a province's). */
export function villageExists(db: Conn, code: string): boolean {
	return (
		db
			.select({ code: regions.code })
			.from(regions)
			.where(and(eq(regions.code, code), eq(regions.level, 'village')))
			.get() !== undefined
	);
}

/** A new producer (no phone: an account's phone lives on the user); its id. */
export function insertProducer(db: Conn, row: { name: string; villageCode: string | null; agentId: number | null; createdAt: string }): number {
	const { id } = db
		.insert(producers)
		.values({ name: row.name, phone: null, villageCode: row.villageCode, agentId: row.agentId, createdAt: row.createdAt })
		.returning({ id: producers.id })
		.get();
	return id;
}

export function setProducerAgent(db: Conn, producerId: number, agentId: number | null): void {
	db.update(producers).set({ agentId }).where(eq(producers.id, producerId)).run();
}
