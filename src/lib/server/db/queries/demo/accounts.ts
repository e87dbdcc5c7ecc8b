// The demo accounts' queries (demo/accounts.ts): which agent, producer and co-op the published
// sign-ins point at, and the accounts themselves.
import { asc, count, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../index';
import { agents, cooperatives, memberships, producers, products, users } from '../../schema';
import { exec, firstRow } from '../../run';

/** The agent with the most producers (lowest id on a tie). */
export async function busiestAgent(db: Db) {
	return await firstRow(db, db
		.select({ id: agents.id, name: agents.name })
		.from(agents)
		.innerJoin(producers, eq(producers.agentId, agents.id))
		.groupBy(agents.id)
		.orderBy(desc(count()), asc(agents.id))
		.limit(1));
}

/** The agent's co-op member with the most products (lowest id on a tie), with their first co-op. */
export async function agentsBusiestMember(db: Db, agentId: number): Promise<{ id: number; name: string; coopId: number } | undefined> {
	// A template, not the builder: a single-table select leaves its columns unqualified, and
	// the correlated subqueries must name the outer producer's id.
	return await firstRow<{ id: number; name: string; coopId: number } | undefined>(db, sql`
		select ${producers.id} as id, ${producers.name} as name,
			(select ${memberships.cooperativeId} from ${memberships} where ${memberships.producerId} = ${producers.id} order by ${memberships.cooperativeId} limit 1) as "coopId"
		from ${producers}
		where ${producers.agentId} = ${agentId} and exists (select 1 from ${memberships} where ${memberships.producerId} = ${producers.id})
		order by (select count(*) from ${products} where ${products.producerId} = ${producers.id}) desc, ${producers.id}
		limit 1`);
}

export async function cooperativeById(db: Db, id: number) {
	return await firstRow(db, db.select({ id: cooperatives.id, name: cooperatives.name }).from(cooperatives).where(eq(cooperatives.id, id)));
}

export async function userExistsWithPhone(db: Db, phone: string): Promise<boolean> {
	return (await firstRow(db, db.select({ one: sql`1` }).from(users).where(eq(users.phone, phone)))) !== undefined;
}

export async function insertUserIfPhoneFree(db: Db, user: typeof users.$inferInsert): Promise<void> {
	await exec(db, db.insert(users).values(user).onConflictDoNothing({ target: users.phone }));
}
