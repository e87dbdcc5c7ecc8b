// Sign-in state for PostgreSQL: auth-schema.ts table for table. On PostgreSQL these tables live in
// the main database (one server takes the writes; there is no file lock for sign-ins to wait
// on), migrated with the rest from drizzle/postgres/. Differences as in schema.pg.ts: the ids of
// login attempts are `bigint` (rows are pruned but ids keep growing) and autoincrement keys are
// identities.
import { bigint, index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

// Sessions by the sha256 of a random token; the token itself lives only in the cookie.
export const sessions = pgTable(
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
export const loginAttempts = pgTable(
	'login_attempts',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
		key: text('key').notNull(), // 'phone:628…', 'phone-ip:628…|1.2.3.4', 'ip:1.2.3.4' or 'device:<sha256>|628…'
		at: text('at').notNull()
	},
	(t) => [index('login_attempts_key_idx').on(t.key, t.at)]
);

// Browsers an account has signed in from: the sha256 of a random device cookie. The right
// password from a known device is not locked out by other people's failures (auth/rate-limit.ts).
export const knownDevices = pgTable(
	'known_devices',
	{
		tokenHash: text('token_hash').notNull(),
		userId: integer('user_id').notNull(),
		lastSeenAt: text('last_seen_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.tokenHash, t.userId] }), index('known_devices_user_idx').on(t.userId)]
);
