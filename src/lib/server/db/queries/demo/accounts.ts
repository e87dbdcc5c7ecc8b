// The demo accounts' queries (demo/accounts.ts): which agent, producer and co-op the published
// sign-ins point at, and the accounts themselves.
import { asc, count, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../index';
import { agents, cooperatives, memberships, producers, products, users } from '../../schema';

/** The agent with the most producers (lowest id on a tie). */
export function busiestAgent(db: Db) {
	return db
		.select({ id: agents.id, name: agents.name })
		.from(agents)
		.innerJoin(producers, eq(producers.agentId, agents.id))
		.groupBy(agents.id)
		.orderBy(desc(count()), asc(agents.id))
		.limit(1)
		.get();
}

/** The agent's co-op member with the most products (lowest id on a tie), with their first co-op. */
export function agentsBusiestMember(db: Db, agentId: number): { id: number; name: string; coopId: number } | undefined {
	// A template, not the builder: a single-table select leaves its columns unqualified, and
	// the correlated subqueries must name the outer producer's id.
	return db.get<{ id: number; name: string; coopId: number } | undefined>(sql`
		select ${producers.id} as id, ${producers.name} as name,
			(select ${memberships.cooperativeId} from ${memberships} where ${memberships.producerId} = ${producers.id} order by ${memberships.cooperativeId} limit 1) as "coopId"
		from ${producers}
		where ${producers.agentId} = ${agentId} and exists (select 1 from ${memberships} where ${memberships.producerId} = ${producers.id})
		order by (select count(*) from ${products} where ${products.producerId} = ${producers.id}) desc, ${producers.id}
		limit 1`);
}

export function cooperativeById(db: Db, id: number) {
	return db.select({ id: cooperatives.id, name: cooperatives.name }).from(cooperatives).where(eq(cooperatives.id, id)).get();
}

export function userExistsWithPhone(db: Db, phone: string): boolean {
	return db.select({ one: sql`1` }).from(users).where(eq(users.phone, phone)).get() !== undefined;
}

export function insertUserIfPhoneFree(db: Db, user: typeof users.$inferInsert): void {
	db.insert(users).values(user).onConflictDoNothing({ target: users.phone }).run();
}
