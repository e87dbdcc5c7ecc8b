import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build', precompress: true }),
		// Registered by the root layout once the page has started (src/routes/+layout.svelte), not
		// at the load event, so installing it never competes with the page's own start.
		serviceWorker: { register: false },
		// Forms post from our own pages only; SvelteKit rejects cross-origin form posts.
		csrf: { trustedOrigins: [] }
	}
};
