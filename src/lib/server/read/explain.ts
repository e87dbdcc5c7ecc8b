// The explain view and the printable summary of one product: the dashboard, talking points and
// the WhatsApp text (the pages draw its charts larger: charts.ts). Scoped like every product
// read (404 outside scope).
import { talkingPoints, whatsappText, whatsappUrl } from '$lib/analysis/explain';
import type { ProductDashboard } from '$lib/dashboard-types';
import type { Actor } from '../auth/actor';
import type { Db } from '../db';
import { dashboardFor } from './dashboard';

export interface Explained {
	dashboard: ProductDashboard;
	points: string[];
	whatsapp: { text: string; url: string };
}

export async function explainFor(db: Db, actor: Actor, productId: number, today?: string): Promise<Explained> {
	const dashboard = await dashboardFor(db, actor, productId, today);
	const text = whatsappText(dashboard);
	return {
		dashboard,
		points: talkingPoints(dashboard),
		whatsapp: { text, url: whatsappUrl(text) }
	};
}
