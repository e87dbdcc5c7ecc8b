import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build', precompress: true }),
		// Our stylesheets are small (≤ 3 KB each): inlined, a page paints without waiting one more
		// round trip (400 ms on a slow line) per stylesheet. Forms must then tolerate typing before
		// the scripts load (they use defaultValue, see src/routes/masuk/+page.svelte).
		inlineStyleThreshold: 4096,
		// Registered by the root layout once the page has started (src/routes/+layout.svelte), not
		// at the load event, so installing it never competes with the page's own start.
		serviceWorker: { register: false },
		// Forms post from our own pages only; SvelteKit rejects cross-origin form posts.
		csrf: { trustedOrigins: [] },
		// Scripts and styles from /_app/… absolute: a page shown under another address (the 403
		// page under /agen/produk/82, hooks.server.ts) loads its scripts all the same.
		paths: { relative: false },
		// Content-Security-Policy on every page: scripts only from this site, and the one inline
		// script SvelteKit writes is allowed by its sha256 hash (never 'unsafe-inline' for scripts).
		// A hash, not a per-response nonce: the same data gives the same bytes, so a rendered page
		// is kept and served again as it is, compressed once (src/lib/server/page-cache.ts);
		// hooks.server.ts puts the hash of the script as finally sent into the policy. Styles may be
		// inline: the inlined stylesheets, Svelte's style attributes and the chart tooltips use them.
		// Pages may not be framed by any site (frame-ancestors; hooks.server.ts adds it elsewhere).
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'form-action': ['self'],
				'base-uri': ['self'],
				'object-src': ['none'],
				'frame-ancestors': ['none']
			}
		}
	}
};
