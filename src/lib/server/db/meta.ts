// Facts about this database kept in the meta table (is it the demo market, when seeded).
import { eq, sql } from 'drizzle-orm';
import type { Db } from './index';
import { meta } from './schema';
import { prepared } from './statements';

export function getMeta(db: Db, key: string): string | null {
	const query = prepared(db, 'read/meta/get', (d) => d.select({ value: meta.value }).from(meta).where(eq(meta.key, sql.placeholder('key'))).prepare());
	return query.get({ key })?.value ?? null;
}

export function isDemoDatabase(db: Db): boolean {
	return getMeta(db, 'demo') === 'true';
}
