// Sign-in state: sessions, failed sign-ins and known devices. It is written on every sign-in,
// sign-out and session renewal, so it lives in its own SQLite file (auth-db.ts) and never waits
// for the main file's write lock, which an import holds while it merges a batch. The tables
// carry users.id without a foreign key (the users are in the main file); users are never
// deleted, and a session whose user is gone is refused (auth/session.ts). A database that keeps
// both in one place (an in-memory test database; PostgreSQL later) creates these same tables
// beside the others. Migrations: drizzle-auth/ (drizzle-auth.config.ts).
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// Sessions by the sha256 of a random token; the token itself lives only in the cookie.
export const sessions = sqliteTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		userId: integer('user_id').notNull(),
		expiresAt: text('expires_at').notNull(),
		createdAt: text('created_at').notNull()
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

// Failed sign-ins, per phone number, per number and address, per address and per device, for rate limiting.
export const loginAttempts = sqliteTable(
	'login_attempts',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		key: text('key').notNull(), // 'phone:628…', 'phone-ip:628…|1.2.3.4', 'ip:1.2.3.4' or 'device:<sha256>|628…'
		at: text('at').notNull()
	},
	(t) => [index('login_attempts_key_idx').on(t.key, t.at)]
);

// Browsers an account has signed in from: the sha256 of a random device cookie. The right
// password from a known device is not locked out by other people's failures (auth/rate-limit.ts).
export const knownDevices = sqliteTable(
	'known_devices',
	{
		tokenHash: text('token_hash').notNull(),
		userId: integer('user_id').notNull(),
		lastSeenAt: text('last_seen_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.tokenHash, t.userId] }), index('known_devices_user_idx').on(t.userId)]
);
