// Facts about this database kept in the meta table (is it the demo market, when seeded).
import type { Db } from './index';

export function getMeta(db: Db, key: string): string | null {
	return (db.$client.prepare('select value from meta where key = ?').pluck().get(key) as string | undefined) ?? null;
}

export function isDemoDatabase(db: Db): boolean {
	return getMeta(db, 'demo') === 'true';
}
