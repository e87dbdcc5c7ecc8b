// What every procedure gets: the database and the signed-in person (null when anonymous),
// read from the session cookie by hooks.server.ts.
import { getDb, type Db } from '../db';
import type { Actor } from '../auth/actor';

export interface Context {
	db: Db;
	user: Actor | null;
}

export function createContext(db: Db = getDb(), user: Actor | null = null): Context {
	return { db, user };
}
