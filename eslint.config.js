// Only the rules that catch a query left un-awaited (issue 15 made every query a promise): a
// promise nobody awaits runs its write after the response, or its error goes nowhere; a promise
// tested in an `if` is always true. Layout and style are held by tests/layout.test.ts and review.
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ ignores: ['build/**', '.svelte-kit/**', 'node_modules/**', 'bench/out/**', 'drizzle/**', 'static/**'] },
	{
		files: ['src/lib/**/*.ts', 'src/routes/**/*.ts', 'src/hooks.server.ts', 'scripts/**/*.ts', 'bench/**/*.ts', 'tests/**/*.ts'],
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname }
		},
		plugins: { '@typescript-eslint': tseslint.plugin },
		linterOptions: { reportUnusedDisableDirectives: 'off' },
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
			'@typescript-eslint/await-thenable': 'error'
		}
	}
);
