import { getDb } from '$lib/server/db';
import { isDemoDatabase } from '$lib/server/services/meta';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = () => ({ isDemo: isDemoDatabase(getDb()) });
