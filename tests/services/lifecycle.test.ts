// Shutdown steps (src/lib/server/lifecycle.ts) and unexpected page errors (hooks handleError):
// what scripts/start.js and SvelteKit call when things end or go wrong.
import { describe, expect, test, vi } from 'vitest';
import { handleError } from '../../src/hooks.server';
import { registerShutdown, runShutdown } from '../../src/lib/server/lifecycle';

describe('shutdown steps', () => {
	test('run once, newest first (the writer stops before the database closes); a failing step does not stop the rest', async () => {
		const order: string[] = [];
		const log = vi.spyOn(console, 'error').mockImplementation(() => {});
		registerShutdown('database', () => void order.push('database'));
		registerShutdown('writer', () => {
			order.push('writer');
			throw new Error('writer stuck');
		});
		registerShutdown('database', () => void order.push('database (replaced)'));
		const hook = (globalThis as Record<symbol, () => Promise<string[]>>)[Symbol.for('despro.shutdown')];
		expect(hook).toBe(runShutdown);
		expect(await hook()).toEqual(['database']);
		expect(order).toEqual(['writer', 'database (replaced)']);
		expect(log).toHaveBeenCalledWith('[shutdown] writer: writer stuck');
		expect(await runShutdown()).toEqual([]);
		log.mockRestore();
	});
});

describe('an unexpected error on a page', () => {
	test('is logged with an id; the person gets a plain message and that id, never the internal text', () => {
		const log = vi.spyOn(console, 'error').mockImplementation(() => {});
		const event = { request: new Request('http://localhost/produk/1'), url: new URL('http://localhost/produk/1') };
		const shown = handleError({ error: new Error('SQLITE_BUSY: database is locked'), event, status: 500, message: 'Internal Error' } as never) as { message: string; id: string };
		expect(shown.message).toBe('Maaf, ada masalah di server. Coba lagi sebentar lagi.');
		expect(shown.id).toMatch(/^[0-9a-f]{8}$/);
		expect(JSON.stringify(shown)).not.toContain('locked');
		expect(String(log.mock.calls[0][0])).toMatch(new RegExp(`^\\[galat ${shown.id}\\] GET /produk/1: Error: SQLITE_BUSY: database is locked`));
		// A missing page is not an error: nothing logged.
		log.mockClear();
		expect(handleError({ error: new Error('Not found'), event, status: 404, message: 'Not Found' } as never)).toEqual({ message: 'Halaman ini tidak ada. Mungkin alamatnya salah.' });
		expect(log).not.toHaveBeenCalled();
		log.mockRestore();
	});
});
