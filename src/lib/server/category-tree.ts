// The category tree products and listings are sorted into: the rural product categories of the
// OVOP clusters DESIGN.md names, plus two that real imports need. One tree for the demo market
// (demo/catalog.ts adds its behaviour per leaf), the importer's mapping rules
// (ingest/categories.ts) and the competitor evaluation; none of them imports another for it, so
// the real-data importer never loads the demo catalogue. Pure data.

export type UnitFamily = 'mass' | 'volume' | 'count';

export interface CategoryNode {
	slug: string;
	name: string;
	parent: string | null;
	unitFamily: UnitFamily;
}

/** Roots and middle levels; leaves (below) hang under them. */
export const CATEGORY_GROUPS: CategoryNode[] = [
	{ slug: 'kerajinan', name: 'Kerajinan', parent: null, unitFamily: 'count' },
	{ slug: 'gerabah-keramik', name: 'Gerabah & Keramik', parent: 'kerajinan', unitFamily: 'count' },
	{ slug: 'anyaman', name: 'Anyaman', parent: 'kerajinan', unitFamily: 'count' },
	{ slug: 'kerajinan-logam', name: 'Kerajinan Logam', parent: 'kerajinan', unitFamily: 'count' },
	{ slug: 'fashion-kain', name: 'Fashion & Kain', parent: null, unitFamily: 'count' },
	{ slug: 'batik', name: 'Batik', parent: 'fashion-kain', unitFamily: 'count' },
	{ slug: 'aksesoris-rambut', name: 'Aksesoris Rambut', parent: null, unitFamily: 'count' },
	{ slug: 'makanan-minuman', name: 'Makanan & Minuman', parent: null, unitFamily: 'mass' },
	{ slug: 'kopi', name: 'Kopi', parent: 'makanan-minuman', unitFamily: 'mass' }
];

/** The leaves products are sold in, under the groups above; the demo market has listings in each. */
export const CATEGORY_LEAVES: (CategoryNode & { parent: string })[] = [
	{ slug: 'gerabah', name: 'Gerabah & Pot Tanah Liat', parent: 'gerabah-keramik', unitFamily: 'count' },
	{ slug: 'keramik-hias', name: 'Keramik Hias', parent: 'gerabah-keramik', unitFamily: 'count' },
	{ slug: 'keramik-makan', name: 'Piring & Gelas Keramik', parent: 'gerabah-keramik', unitFamily: 'count' },
	{ slug: 'anyaman-bambu', name: 'Anyaman Bambu', parent: 'anyaman', unitFamily: 'count' },
	{ slug: 'anyaman-rotan', name: 'Anyaman Rotan', parent: 'anyaman', unitFamily: 'count' },
	{ slug: 'tas-anyaman', name: 'Tas Anyaman Pandan & Mendong', parent: 'anyaman', unitFamily: 'count' },
	{ slug: 'kerajinan-tembaga', name: 'Kerajinan Tembaga', parent: 'kerajinan-logam', unitFamily: 'count' },
	{ slug: 'kerajinan-kuningan', name: 'Kerajinan Kuningan', parent: 'kerajinan-logam', unitFamily: 'count' },
	{ slug: 'kerajinan-tangan', name: 'Kerajinan Tangan & Souvenir', parent: 'kerajinan', unitFamily: 'count' },
	{ slug: 'batik-tulis', name: 'Kain Batik Tulis', parent: 'batik', unitFamily: 'count' },
	{ slug: 'batik-cap', name: 'Kain Batik Cap & Printing', parent: 'batik', unitFamily: 'count' },
	{ slug: 'kemeja-batik', name: 'Kemeja & Seragam Batik', parent: 'batik', unitFamily: 'count' },
	{ slug: 'tenun', name: 'Kain Tenun', parent: 'fashion-kain', unitFamily: 'count' },
	{ slug: 'wig', name: 'Wig & Rambut Palsu', parent: 'aksesoris-rambut', unitFamily: 'count' },
	{ slug: 'bulu-mata', name: 'Bulu Mata Palsu', parent: 'aksesoris-rambut', unitFamily: 'count' },
	{ slug: 'jepit-sanggul', name: 'Jepit, Bando & Sanggul', parent: 'aksesoris-rambut', unitFamily: 'count' },
	{ slug: 'sambal-bumbu', name: 'Sambal & Bumbu', parent: 'makanan-minuman', unitFamily: 'mass' },
	{ slug: 'kopi-bubuk', name: 'Kopi Bubuk', parent: 'kopi', unitFamily: 'mass' },
	{ slug: 'kopi-biji', name: 'Kopi Biji Sangrai', parent: 'kopi', unitFamily: 'mass' },
	{ slug: 'kopi-siap-minum', name: 'Kopi Literan & Siap Minum', parent: 'kopi', unitFamily: 'volume' }
];

/** Categories real data needs that the demo market does not use (Sambal & Bumbu is a leaf above). */
export const IMPORT_CATEGORIES: CategoryNode[] = [
	{ slug: 'makanan-lainnya', name: 'Makanan Lainnya', parent: 'makanan-minuman', unitFamily: 'mass' },
	{ slug: 'pakaian', name: 'Pakaian', parent: 'fashion-kain', unitFamily: 'count' }
];

/** Every category of the tree by slug. */
export const CATEGORY_NODES: ReadonlyMap<string, CategoryNode> = new Map(
	[...CATEGORY_GROUPS, ...CATEGORY_LEAVES, ...IMPORT_CATEGORIES].map((c) => [c.slug, c])
);

/** The whole tree as slug and parent slug, e.g. to relate categories without a database. */
export const CATEGORY_TREE: readonly { slug: string; parent: string | null }[] = [...CATEGORY_NODES.values()].map((c) => ({ slug: c.slug, parent: c.parent }));
