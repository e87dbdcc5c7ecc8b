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
		csrf: { trustedOrigins: [] }
	}
};
