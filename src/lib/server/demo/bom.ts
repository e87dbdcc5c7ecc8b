// Default bills of materials for the demo co-ops' products, and how each co-op buys the materials
// (karung of 50 kg…), so /koperasi shows a raw-material plan on first start. Amounts are per unit sold (one pack) and scale with the pack size:
// "Pot isi 3" takes three pots' clay. Only on the demo market, and only for products that
// have none, and only while no co-op has a BOM yet, so their own edits are never overwritten.
import type { Db } from '../db';
import { saveBom, savePurchaseUnits, type BomRow, type PurchaseUnit } from '../db/coop';
import { isDemoDatabase } from '../db/meta';
import { anyBillOfMaterials, anyCoopMaterials, coopBomMaterials, memberProductsWithCategory } from '../db/queries/demo/bom';

/** Per piece (count family) or per kilogram (mass family), by category slug. */
const TEMPLATES: Record<string, BomRow[]> = {
	gerabah: [
		{ material: 'Tanah liat', quantity: 2, unit: 'kg' },
		{ material: 'Glasir', quantity: 0.1, unit: 'kg' }
	],
	'keramik-hias': [
		{ material: 'Tanah liat', quantity: 1.5, unit: 'kg' },
		{ material: 'Glasir', quantity: 0.2, unit: 'kg' },
		{ material: 'Cat keramik', quantity: 0.05, unit: 'liter' }
	],
	'keramik-makan': [
		{ material: 'Tanah liat', quantity: 0.6, unit: 'kg' },
		{ material: 'Glasir', quantity: 0.08, unit: 'kg' }
	],
	'anyaman-bambu': [
		{ material: 'Bambu', quantity: 1.5, unit: 'batang' },
		{ material: 'Pernis', quantity: 0.05, unit: 'liter' }
	],
	'anyaman-rotan': [
		{ material: 'Rotan', quantity: 1.2, unit: 'kg' },
		{ material: 'Pernis', quantity: 0.1, unit: 'liter' }
	],
	'tas-anyaman': [
		{ material: 'Pandan kering', quantity: 0.3, unit: 'kg' },
		{ material: 'Kain furing', quantity: 0.5, unit: 'meter' },
		{ material: 'Ritsleting', quantity: 1, unit: 'buah' }
	],
	'kerajinan-tembaga': [
		{ material: 'Lembaran tembaga', quantity: 0.8, unit: 'kg' },
		{ material: 'Cairan patina', quantity: 0.02, unit: 'liter' }
	],
	'kerajinan-kuningan': [
		{ material: 'Kuningan batangan', quantity: 0.5, unit: 'kg' },
		{ material: 'Cairan poles', quantity: 0.02, unit: 'liter' }
	],
	'kerajinan-tangan': [
		{ material: 'Kayu', quantity: 0.3, unit: 'kg' },
		{ material: 'Cat akrilik', quantity: 0.02, unit: 'liter' }
	],
	'batik-tulis': [
		{ material: 'Kain mori', quantity: 2.2, unit: 'meter' },
		{ material: 'Malam (lilin batik)', quantity: 0.3, unit: 'kg' },
		{ material: 'Pewarna', quantity: 0.05, unit: 'kg' }
	],
	'batik-cap': [
		{ material: 'Kain mori', quantity: 2.2, unit: 'meter' },
		{ material: 'Malam (lilin batik)', quantity: 0.15, unit: 'kg' },
		{ material: 'Pewarna', quantity: 0.04, unit: 'kg' }
	],
	'kemeja-batik': [
		{ material: 'Kain batik', quantity: 1.8, unit: 'meter' },
		{ material: 'Kancing', quantity: 8, unit: 'buah' },
		{ material: 'Benang jahit', quantity: 0.02, unit: 'gulung' }
	],
	tenun: [
		{ material: 'Benang tenun', quantity: 0.6, unit: 'kg' },
		{ material: 'Pewarna', quantity: 0.03, unit: 'kg' }
	],
	wig: [
		{ material: 'Rambut olahan', quantity: 0.15, unit: 'kg' },
		{ material: 'Jaring wig', quantity: 1, unit: 'buah' }
	],
	'bulu-mata': [
		{ material: 'Rambut olahan', quantity: 0.002, unit: 'kg' },
		{ material: 'Lem bulu mata', quantity: 0.001, unit: 'liter' }
	],
	'jepit-sanggul': [
		{ material: 'Rambut olahan', quantity: 0.05, unit: 'kg' },
		{ material: 'Jepit logam', quantity: 1, unit: 'buah' }
	],
	// Per kilogram of coffee sold: roasting loses about a fifth of the green beans' weight.
	'kopi-bubuk': [
		{ material: 'Biji kopi mentah', quantity: 1.25, unit: 'kg' },
		{ material: 'Kemasan', quantity: 4, unit: 'buah' }
	],
	'kopi-biji': [
		{ material: 'Biji kopi mentah', quantity: 1.25, unit: 'kg' },
		{ material: 'Kemasan', quantity: 4, unit: 'buah' }
	],
	'kopi-siap-minum': [
		{ material: 'Biji kopi mentah', quantity: 0.12, unit: 'kg' },
		{ material: 'Botol', quantity: 1, unit: 'buah' }
	]
};

/**
 * How the demo co-ops buy each material: the purchase unit and what it holds in the BOM's unit.
 * Two are left out (Pewarna, Lem bulu mata) so the plan shows a material without one.
 */
const PURCHASE_UNITS: Record<string, [string, number]> = {
	'Tanah liat|kg': ['karung', 50],
	'Glasir|kg': ['karung', 25],
	'Cat keramik|liter': ['kaleng', 5],
	'Bambu|batang': ['ikat', 10],
	'Pernis|liter': ['kaleng', 1],
	'Rotan|kg': ['bal', 20],
	'Pandan kering|kg': ['ikat', 5],
	'Kain furing|meter': ['gulung', 50],
	'Ritsleting|buah': ['lusin', 12],
	'Lembaran tembaga|kg': ['lembar', 4],
	'Cairan patina|liter': ['botol', 1],
	'Kuningan batangan|kg': ['batang', 5],
	'Cairan poles|liter': ['botol', 1],
	'Kayu|kg': ['ikat', 20],
	'Cat akrilik|liter': ['kaleng', 1],
	'Kain mori|meter': ['gulung', 50],
	'Malam (lilin batik)|kg': ['bal', 10],
	'Kain batik|meter': ['gulung', 30],
	'Kancing|buah': ['gros', 144],
	'Benang jahit|gulung': ['lusin', 12],
	'Benang tenun|kg': ['bal', 5],
	'Rambut olahan|kg': ['ikat', 1],
	'Jaring wig|buah': ['lusin', 12],
	'Jepit logam|buah': ['gros', 144],
	'Biji kopi mentah|kg': ['karung', 60],
	'Kemasan|buah': ['pak', 100],
	'Botol|buah': ['dus', 24]
};

/** Seeds missing BOMs for demo co-op members' products; returns how many products got one. */
export async function seedDemoBoms(db: Db): Promise<number> {
	// Once any BOM exists the co-ops own them: a product whose rows were all deleted stays empty.
	if (!(await isDemoDatabase(db)) || (await anyBillOfMaterials(db))) return 0;
	const products = await memberProductsWithCategory(db);
	let seeded = 0;
	const now = new Date().toISOString();
	for (const p of products) {
		const template = TEMPLATES[p.slug];
		if (!template) continue;
		// Count packs hold packQuantity pieces; mass packs hold grams, the template is per kg;
		// bottled coffee (ml) is per bottle whatever its size.
		const scale = p.unit === 'g' ? p.packQuantity / 1000 : p.unit === 'pcs' ? p.packQuantity : 1;
		// Packaging is one per pack, not per piece or per kilogram.
		const rows = template.map((r) => ({
			...r,
			quantity: ['Kemasan', 'Botol'].includes(r.material) ? 1 : Math.round(r.quantity * scale * 1000) / 1000
		}));
		await saveBom(db, p.id, rows, now);
		seeded++;
	}
	await seedDemoPurchaseUnits(db, now);
	return seeded;
}

/** Each demo co-op's purchase units for the materials its members' BOMs use (while none are set). */
async function seedDemoPurchaseUnits(db: Db, now: string): Promise<void> {
	if ((await anyCoopMaterials(db))) return;
	const used = await coopBomMaterials(db);
	const byCoop = new Map<number, PurchaseUnit[]>();
	for (const u of used) {
		const how = PURCHASE_UNITS[`${u.material}|${u.unit}`];
		if (!how) continue;
		byCoop.set(u.coopId, [...(byCoop.get(u.coopId) ?? []), { material: u.material, unit: u.unit, purchaseUnit: how[0], purchaseSize: how[1] }]);
	}
	for (const [coopId, rows] of byCoop) await savePurchaseUnits(db, coopId, rows, now);
}
