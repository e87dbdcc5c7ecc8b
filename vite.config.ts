import { sveltekit } from '@sveltejs/kit/vite';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

const serverFiles = { include: ['src/**/*.test.ts', 'tests/**/*.test.ts'], exclude: ['tests/e2e/**'] };
// Tests assert behaviour, not speed (speed lives in npm run bench*): on a shared 2-core machine
// the real-data and demo-market tests took over vitest's 5 s default, failing for no user-visible reason.
const serverTimeouts = { testTimeout: 30_000, hookTimeout: 60_000 };

/**
 * The server test files that get their database from tests/fixtures/db.ts (createTestDb), directly
 * or through a helper under tests/ (security/world.ts, fixtures/…): the ones the engine changes.
 * The others (pure analysis, SQLite files opened by path, scripts run on a file) would only run
 * a second time on SQLite.
 */
function filesOnTestDb(): string[] {
	const root = import.meta.dirname;
	const fixture = resolve(root, 'tests/fixtures/db.ts');
	const reaches = new Map<string, boolean>();
	const importsOf = (file: string) =>
		[...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)]
			.map((m) => resolve(dirname(file), m[1]))
			.map((p) => (p.endsWith('.ts') ? p : `${p}.ts`))
			.filter((p) => existsSync(p));
	const reachesFixture = (file: string): boolean => {
		if (file === fixture) return true;
		if (reaches.has(file)) return reaches.get(file)!;
		reaches.set(file, false); // import cycles
		// Helpers under tests/ only: a src module never calls the test fixture.
		const found = importsOf(file).some((p) => p === fixture || (p.startsWith(join(root, 'tests')) && reachesFixture(p)));
		reaches.set(file, found);
		return found;
	};
	const walk = (dir: string): string[] =>
		readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
			e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.test.ts') ? [join(dir, e.name)] : []
		);
	return [...walk(join(root, 'src')), ...walk(join(root, 'tests'))]
		.filter((f) => !f.includes('/tests/e2e/') && reachesFixture(f))
		.map((f) => relative(root, f));
}

// The same server tests on PostgreSQL (issue 15), when TEST_POSTGRES_URL names a server:
// createTestDb() then copies a template migrated once per run (tests/fixtures/postgres-run.ts).
const serverOnPostgres: TestProjectInlineConfiguration[] = process.env.TEST_POSTGRES_URL
	? [
			{
				extends: './vite.config.ts',
				test: {
					name: 'server-pg',
					environment: 'node',
					include: filesOnTestDb(),
					// These files already run their cases on both engines, side by side, in the server project.
					exclude: [
						...serverFiles.exclude,
						'src/lib/server/db/run.test.ts',
						'tests/ingest/postgres.test.ts',
						'src/lib/server/db/sql-dialect/sql-dialect.test.ts',
						'src/lib/server/db/driver-errors.test.ts',
						'tests/db/schema-parity.test.ts',
						'tests/db/db-copy.test.ts'
					],
					env: { TEST_ENGINE: 'postgres' },
					globalSetup: ['tests/fixtures/postgres-run.ts'],
					setupFiles: ['tests/setup.ts', 'tests/setup-postgres.ts'],
					...serverTimeouts
				}
			}
		]
	: [];

export default defineConfig({
	plugins: [sveltekit()],
	test: {
		expect: { requireAssertions: true },
		projects: [
			{
				extends: './vite.config.ts',
				test: {
					name: 'server',
					environment: 'node',
					...serverFiles,
					setupFiles: ['tests/setup.ts'],
					...serverTimeouts
				}
			},
			...serverOnPostgres,
			{
				extends: './vite.config.ts',
				test: {
					name: 'e2e',
					environment: 'node',
					include: ['tests/e2e/**/*.test.ts'],
					globalSetup: ['tests/e2e/global-setup.ts'],
					// One server, one browser: files run one after another.
					fileParallelism: false,
					testTimeout: 180_000,
					hookTimeout: 180_000
				}
			}
		]
	}
});
