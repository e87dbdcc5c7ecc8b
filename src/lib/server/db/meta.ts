// Facts about this database kept in the meta table (is it the demo market, when seeded).
import { eq, sql } from 'drizzle-orm';
import type { Db } from './index';
import { meta } from './schema';
import { preparedFirst } from './run';

export async function getMeta(db: Db, key: string): Promise<string | null> {
	const row = await preparedFirst(db, 'read/meta/get', (d) => d.select({ value: meta.value }).from(meta).where(eq(meta.key, sql.placeholder('key'))), { key });
	return row?.value ?? null;
}

export async function isDemoDatabase(db: Db): Promise<boolean> {
	return (await getMeta(db, 'demo')) === 'true';
}
