import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

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
					include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
					exclude: ['tests/e2e/**'],
					setupFiles: ['tests/setup.ts'],
					// Tests assert behaviour, not speed (speed lives in npm run bench*): on a shared 2-core machine
					// the real-data and demo-market tests took over vitest's 5 s default, failing for no user-visible reason.
					testTimeout: 30_000,
					hookTimeout: 60_000
				}
			},
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
