// How the server's feeds-and-inbox schedule is set up (issue 18), read from the environment:
// FEEDS_TICK_MS (how often the writer looks for due feeds and new inbox files), IMPORT_INBOX
// (the inbox folder), IMPORT_INBOX_SETTLE_MS (how long a file must stay the same size before it
// is taken), IMPORT_INBOX_EVERY (how often a new file is expected: lateness) and FEED_TIMEOUT_MS,
// FEED_MAX_BYTES, FEED_MAX_REDIRECTS (fetch.ts). Plain data: it crosses to the writer's thread.
import { resolve } from 'node:path';
import { DEFAULT_LIMITS, limitsFromEnv, type FetchLimits } from './fetch';
import { parseEvery, WEEK_S } from './schedule';

/** How the server's schedule runs; plain data (it crosses to the writer's thread). */
export interface ScheduleConfig {
	/** How often the writer looks for due feeds and new inbox files. */
	tickMs: number;
	/** IMPORT_INBOX, or null. */
	inboxDir: string | null;
	/** How long an inbox file must stay the same size before it is taken. */
	inboxSettleMs: number;
	/** How often new files are expected in the inbox (lateness). */
	inboxEverySeconds: number;
	limits: FetchLimits;
}

export const DEFAULT_TICK_MS = 15_000;

/** The schedule from the environment (FEEDS_TICK_MS, IMPORT_INBOX, IMPORT_INBOX_SETTLE_MS, IMPORT_INBOX_EVERY, FEED_*). */
export function scheduleConfigFromEnv(env: Record<string, string | undefined> = process.env): ScheduleConfig {
	const ms = (v: string | undefined, fallback: number) => (v && Number.isFinite(Number(v)) && Number(v) > 0 ? Number(v) : fallback);
	const tickMs = ms(env.FEEDS_TICK_MS, DEFAULT_TICK_MS);
	const every = env.IMPORT_INBOX_EVERY ? parseEvery(env.IMPORT_INBOX_EVERY) : null;
	return {
		tickMs,
		inboxDir: env.IMPORT_INBOX?.trim() ? resolve(env.IMPORT_INBOX.trim()) : null,
		inboxSettleMs: ms(env.IMPORT_INBOX_SETTLE_MS, Math.max(5_000, tickMs)),
		inboxEverySeconds: every && 'seconds' in every ? every.seconds : WEEK_S,
		limits: { ...DEFAULT_LIMITS, ...limitsFromEnv(env) }
	};
}

/** The inbox as the status pages need it (null when IMPORT_INBOX is not set). */
export function inboxConfig(config: ScheduleConfig): { dir: string; everySeconds: number; tickMs: number } | null {
	return config.inboxDir ? { dir: config.inboxDir, everySeconds: config.inboxEverySeconds, tickMs: config.tickMs } : null;
}
