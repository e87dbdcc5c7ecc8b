// Which producers a query may return, as auth/access.ts producerScopePrepared gives it: one
// condition shape per role (`key`, part of the prepared statement's key) and the id to run it with.
import type { SQL } from 'drizzle-orm';

export interface ProducerScope {
	key: string;
	where: SQL;
	params: { scopeId: number };
}
