// The signed-in person as every service sees them: role plus the producer, agent or co-op
// row their account stands for. No phone number or password hash: those stay in `users`.
import type { roles } from '../db/schema';

export type Role = (typeof roles)[number];

export interface Actor {
	id: number;
	role: Role;
	name: string;
	producerId: number | null;
	agentId: number | null;
	cooperativeId: number | null;
}

export const ROLE_LABELS: Record<Role, string> = {
	produsen: 'Produsen',
	agen: 'Agen Despro',
	koperasi: 'Koperasi',
	admin: 'Admin'
};
