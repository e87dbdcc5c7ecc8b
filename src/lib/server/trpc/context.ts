// What every procedure gets: the database. (The acting user joins here once sign-in exists.)
import { getDb, type Db } from '../db';

export interface Context {
	db: Db;
}

export function createContext(db: Db = getDb()): Context {
	return { db };
}
