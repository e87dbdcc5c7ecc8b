// The market data model. camelCase keys over snake_case columns; dates are ISO strings
// ('YYYY-MM-DD' for days and weeks, full ISO for instants) so SQL stays portable to PostgreSQL.
import { sql } from 'drizzle-orm';
import {
	index,
	integer,
	primaryKey,
	real,
	sqliteTable,
	text,
	uniqueIndex
} from 'drizzle-orm/sqlite-core';

export const unitFamilies = ['mass', 'volume', 'count'] as const;
export const units = ['g', 'ml', 'pcs'] as const;
export const packStatuses = ['ok', 'none', 'conflict'] as const;

export const marketplaces = sqliteTable('marketplaces', {
	id: text('id').primaryKey(), // 'shopee', 'tokopedia', …
	name: text('name').notNull()
});

export const categories = sqliteTable(
	'categories',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		parentId: integer('parent_id'),
		slug: text('slug').notNull(),
		name: text('name').notNull(),
		// The unit family products in this category are usually compared in.
		unitFamily: text('unit_family', { enum: unitFamilies }).notNull().default('count')
	},
	(t) => [uniqueIndex('categories_slug_idx').on(t.slug), index('categories_parent_idx').on(t.parentId)]
);

// Provinces, regencies, districts and villages with Kemendagri codes ('32', '32.14', '32.14.01', '32.14.01.2001').
export const regions = sqliteTable(
	'regions',
	{
		code: text('code').primaryKey(),
		parentCode: text('parent_code'),
		level: text('level', { enum: ['province', 'regency', 'district', 'village'] }).notNull(),
		name: text('name').notNull()
	},
	(t) => [index('regions_parent_idx').on(t.parentCode), index('regions_level_name_idx').on(t.level, t.name)]
);

export const shops = sqliteTable(
	'shops',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		marketplaceId: text('marketplace_id')
			.notNull()
			.references(() => marketplaces.id),
		externalId: text('external_id').notNull(),
		name: text('name').notNull(),
		regionCode: text('region_code').references(() => regions.code),
		rating: real('rating')
	},
	(t) => [uniqueIndex('shops_marketplace_external_idx').on(t.marketplaceId, t.externalId)]
);

export const importBatches = sqliteTable('import_batches', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	source: text('source').notNull(), // shape name: 'demo', 'generic-listings', 'tokopedia-laptop', …
	filename: text('filename'),
	status: text('status', { enum: ['running', 'done', 'failed'] }).notNull(),
	startedAt: text('started_at').notNull(),
	finishedAt: text('finished_at'),
	observedAt: text('observed_at'),
	// Where observed_at came from (ingest/observed-date.ts DateSource): 'column', 'search-id',
	// 'reviews', 'shop-activity' (the content) or 'cli', 'form' (typed by the user), 'feed' (a feed's pull day).
	observedSource: text('observed_source'),
	rows: integer('rows').notNull().default(0),
	inserted: integer('inserted').notNull().default(0),
	updated: integer('updated').notNull().default(0),
	duplicates: integer('duplicates').notNull().default(0),
	rejected: integer('rejected').notNull().default(0),
	message: text('message'),
	// sha256 of the file's bytes: the same file imported again is recognised.
	fileHash: text('file_hash'),
	// Unmapped categories and unknown locations, kept for the data steward: JSON { value: count }.
	unmapped: text('unmapped')
});

// Every rejected row of a batch, with where and why, downloadable as CSV.
export const importRejections = sqliteTable(
	'import_rejections',
	{
		batchId: integer('batch_id')
			.notNull()
			.references(() => importBatches.id, { onDelete: 'cascade' }),
		line: integer('line').notNull(),
		column: text('column'),
		reasonId: text('reason_id').notNull(),
		reasonEn: text('reason_en').notNull(),
		raw: text('raw')
	},
	(t) => [index('import_rejections_batch_idx').on(t.batchId, t.line)]
);

export const listings = sqliteTable(
	'listings',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		marketplaceId: text('marketplace_id')
			.notNull()
			.references(() => marketplaces.id),
		// Stable key within a marketplace: the listing id, else the URL, else a fingerprint.
		externalId: text('external_id').notNull(),
		url: text('url'),
		title: text('title').notNull(),
		categoryId: integer('category_id').references(() => categories.id),
		shopId: integer('shop_id').references(() => shops.id),
		regionCode: text('region_code').references(() => regions.code),
		packQuantity: real('pack_quantity').notNull().default(1),
		unit: text('unit', { enum: units }).notNull().default('pcs'),
		unitFamily: text('unit_family', { enum: unitFamilies }).notNull().default('count'),
		// Current state, copied from the newest snapshot.
		price: integer('price').notNull(),
		priceMax: integer('price_max'),
		soldCount: integer('sold_count'),
		soldLowerBound: integer('sold_lower_bound', { mode: 'boolean' }).notNull().default(false),
		// Units sold in the last month as shown ("565 Terjual/ Bulan"): a window, not a cumulative counter.
		soldMonthly: integer('sold_monthly'),
		rating: real('rating'),
		reviewCount: integer('review_count'),
		// The listing's star bars as shown, JSON [1★, 2★, 3★, 4★, 5★]: ratings without review texts.
		starCounts: text('star_counts'),
		firstSeenAt: text('first_seen_at').notNull(),
		lastSeenAt: text('last_seen_at').notNull(),
		batchId: integer('batch_id').references(() => importBatches.id),
		// As the source wrote them, kept when they map to nothing of ours (reported, not lost).
		rawCategory: text('raw_category'),
		rawLocation: text('raw_location'),
		// The kind of product the title names (analysis/product-kind.ts): its head ("sambal",
		// "wastafel"), indexed so a competitor set is one lookup, and the attributes that split a
		// head ("material=keramik"). Null until derived (import, seed, or the kinds refresh).
		kind: text('kind'),
		kindAttrs: text('kind_attrs'),
		// Whether the pack size was read from the title: 'none' and 'conflict' listings keep 1 pcs
		// above but are named, not compared, in a mass or volume product's set.
		packStatus: text('pack_status', { enum: packStatuses })
	},
	(t) => [
		uniqueIndex('listings_marketplace_external_idx').on(t.marketplaceId, t.externalId),
		index('listings_category_family_idx').on(t.categoryId, t.unitFamily),
		index('listings_shop_idx').on(t.shopId),
		index('listings_kind_idx').on(t.kind, t.categoryId)
	]
);

export const listingSnapshots = sqliteTable(
	'listing_snapshots',
	{
		listingId: integer('listing_id')
			.notNull()
			.references(() => listings.id, { onDelete: 'cascade' }),
		observedAt: text('observed_at').notNull(), // YYYY-MM-DD
		price: integer('price').notNull(),
		soldCount: integer('sold_count'), // cumulative counter as shown ("1 rb+" → 1000)
		soldLowerBound: integer('sold_lower_bound', { mode: 'boolean' }).notNull().default(false),
		soldMonthly: integer('sold_monthly'), // "565 Terjual/ Bulan": a one-month window, kept apart from the counter
		rating: real('rating'),
		reviewCount: integer('review_count'),
		batchId: integer('batch_id').references(() => importBatches.id)
	},
	(t) => [primaryKey({ columns: [t.listingId, t.observedAt] }), index('snapshots_observed_idx').on(t.observedAt)]
);

export const reviews = sqliteTable(
	'reviews',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		listingId: integer('listing_id')
			.notNull()
			.references(() => listings.id, { onDelete: 'cascade' }),
		externalId: text('external_id'),
		reviewedAt: text('reviewed_at').notNull(),
		stars: integer('stars'),
		text: text('text').notNull(),
		batchId: integer('batch_id').references(() => importBatches.id),
		// Text analysis, stored at import/seed time so a dashboard never re-analyses on request.
		polarity: text('polarity', { enum: ['positive', 'negative', 'neutral'] }),
		score: real('score'),
		// Any clause or aspect read as negative: "how many buyers complained".
		hasComplaint: integer('has_complaint', { mode: 'boolean' }),
		analyzerVersion: integer('analyzer_version')
	},
	(t) => [
		index('reviews_listing_idx').on(t.listingId, t.reviewedAt),
		uniqueIndex('reviews_listing_external_idx').on(t.listingId, t.externalId)
	]
);

// One row per review × aspect it mentions, with the clause that mentions it (the quote).
export const reviewAspects = sqliteTable(
	'review_aspects',
	{
		reviewId: integer('review_id')
			.notNull()
			.references(() => reviews.id, { onDelete: 'cascade' }),
		aspect: text('aspect').notNull(),
		polarity: text('polarity', { enum: ['positive', 'negative', 'neutral'] }).notNull(),
		score: real('score').notNull(),
		clause: text('clause').notNull()
	},
	(t) => [primaryKey({ columns: [t.reviewId, t.aspect, t.polarity] }), index('review_aspects_aspect_idx').on(t.aspect)]
);

export const agents = sqliteTable('agents', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	name: text('name').notNull(),
	phone: text('phone'),
	regionCode: text('region_code').references(() => regions.code)
});

export const producers = sqliteTable(
	'producers',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		name: text('name').notNull(),
		phone: text('phone'),
		villageCode: text('village_code').references(() => regions.code),
		agentId: integer('agent_id').references(() => agents.id),
		createdAt: text('created_at').notNull()
	},
	(t) => [index('producers_agent_idx').on(t.agentId)]
);

export const products = sqliteTable(
	'products',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		producerId: integer('producer_id')
			.notNull()
			.references(() => producers.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		categoryId: integer('category_id')
			.notNull()
			.references(() => categories.id),
		price: integer('price').notNull(),
		packQuantity: real('pack_quantity').notNull().default(1),
		unit: text('unit', { enum: units }).notNull().default('pcs'),
		unitFamily: text('unit_family', { enum: unitFamilies }).notNull().default('count'),
		// Space-separated words of the product, for searching the product list.
		keywords: text('keywords').notNull(),
		// The product's kind from its name and category, like a listing's (set on save).
		kind: text('kind'),
		kindAttrs: text('kind_attrs'),
		villageCode: text('village_code').references(() => regions.code),
		isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
		createdAt: text('created_at').notNull(),
		updatedAt: text('updated_at').notNull()
	},
	(t) => [index('products_producer_idx').on(t.producerId), index('products_category_idx').on(t.categoryId)]
);

export const cooperatives = sqliteTable('cooperatives', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	name: text('name').notNull(),
	regionCode: text('region_code').references(() => regions.code)
});

export const memberships = sqliteTable(
	'memberships',
	{
		cooperativeId: integer('cooperative_id')
			.notNull()
			.references(() => cooperatives.id, { onDelete: 'cascade' }),
		producerId: integer('producer_id')
			.notNull()
			.references(() => producers.id, { onDelete: 'cascade' }),
		joinedAt: text('joined_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.cooperativeId, t.producerId] }), index('memberships_producer_idx').on(t.producerId)]
);

// A product's comparable listings — same kind, related category, a pack size in the product's
// unit family — kept so that a dashboard does not search on every request. Price outliers are
// removed when read. Refreshed when the product or the market changes.
export const productCompetitors = sqliteTable(
	'product_competitors',
	{
		productId: integer('product_id')
			.notNull()
			.references(() => products.id, { onDelete: 'cascade' }),
		listingId: integer('listing_id')
			.notNull()
			.references(() => listings.id, { onDelete: 'cascade' }),
		rank: real('rank').notNull()
	},
	(t) => [primaryKey({ columns: [t.productId, t.listingId] }), index('competitors_listing_idx').on(t.listingId)]
);

// Weekly units sold per category × marketplace × province, summed from snapshot counters
// (analysis/demand.ts): `units` is the estimate charts draw, low/high what the counters allow,
// `variance` how far bucketed counters leave the estimate uncertain (the demand call needs a
// change to beat it). `listings`: listings observed that week. `lower_bound`: a bucketed counter
// ("1 rb+") shaped the week (the column keeps its first name).
export const categoryWeeklyDemand = sqliteTable(
	'category_weekly_demand',
	{
		categoryId: integer('category_id')
			.notNull()
			.references(() => categories.id),
		marketplaceId: text('marketplace_id')
			.notNull()
			.references(() => marketplaces.id),
		provinceCode: text('province_code').notNull().default(''),
		weekStart: text('week_start').notNull(),
		units: integer('units').notNull(),
		unitsLow: real('units_low').notNull().default(0),
		unitsHigh: real('units_high').notNull().default(0),
		variance: real('variance').notNull().default(0),
		listings: integer('listings').notNull(),
		lowerBound: integer('lower_bound', { mode: 'boolean' }).notNull().default(false),
		interpolated: integer('interpolated', { mode: 'boolean' }).notNull().default(false)
	},
	(t) => [
		primaryKey({ columns: [t.categoryId, t.marketplaceId, t.provinceCode, t.weekStart] }),
		// The market's first and last week (marketWeeks) from the ends of an index, not a scan per call.
		index('category_weekly_demand_week').on(t.weekStart)
	]
);

// Key/value facts about this database: whether it holds the demo market, when it was seeded.
export const meta = sqliteTable('meta', {
	key: text('key').primaryKey(),
	value: text('value').notNull(),
	updatedAt: text('updated_at')
		.notNull()
		.default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`)
});

export const roles = ['produsen', 'agen', 'koperasi', 'admin'] as const;

// People who sign in. A producer, agent or co-op account points at its row in those tables.
export const users = sqliteTable(
	'users',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		phone: text('phone').notNull(), // normalised: 628…
		passwordHash: text('password_hash').notNull(),
		role: text('role', { enum: roles }).notNull(),
		name: text('name').notNull(),
		producerId: integer('producer_id').references(() => producers.id, { onDelete: 'set null' }),
		agentId: integer('agent_id').references(() => agents.id, { onDelete: 'set null' }),
		cooperativeId: integer('cooperative_id').references(() => cooperatives.id, { onDelete: 'set null' }),
		createdAt: text('created_at').notNull(),
		// Set by an admin: the account cannot sign in and its sessions are gone (issue 13).
		disabledAt: text('disabled_at'),
		// After a reset with a one-time code: the person must choose a new password before anything else.
		mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false)
	},
	(t) => [uniqueIndex('users_phone_idx').on(t.phone)]
);

// Sessions, failed sign-ins and known devices live in their own database (auth-schema.ts,
// auth-db.ts): signing in never waits for an import's write lock on this one.

// Weekly units sold by a product's competitor set (its stored comparable listings after the
// price outlier rule), kept like category_weekly_demand so forecasts and alerts do not walk
// snapshots on every request. Rebuilt with the competitor set, by the background writer
// (derive/competitor-weekly.ts); requests only read it. Columns as in
// category_weekly_demand; only weeks the snapshots cover have a row (no row: no bar).
export const competitorWeeklyDemand = sqliteTable(
	'competitor_weekly_demand',
	{
		productId: integer('product_id')
			.notNull()
			.references(() => products.id, { onDelete: 'cascade' }),
		weekStart: text('week_start').notNull(),
		units: integer('units').notNull(),
		unitsLow: real('units_low').notNull().default(0),
		unitsHigh: real('units_high').notNull().default(0),
		variance: real('variance').notNull().default(0),
		listings: integer('listings').notNull(),
		lowerBound: integer('lower_bound', { mode: 'boolean' }).notNull().default(false),
		interpolated: integer('interpolated', { mode: 'boolean' }).notNull().default(false)
	},
	(t) => [primaryKey({ columns: [t.productId, t.weekStart] })]
);

// Forecasts are slow to fit (a backtest per series), so each is stored with a hash of the
// weekly series it was fitted on: when the aggregates change, the hash differs and it is refitted.
export const forecasts = sqliteTable(
	'forecasts',
	{
		seriesKey: text('series_key').notNull(), // 'category:12', 'product:40'
		horizon: integer('horizon').notNull(),
		inputHash: text('input_hash').notNull(),
		result: text('result').notNull(), // JSON ForecastResult
		ms: integer('ms').notNull(),
		computedAt: text('computed_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.seriesKey, t.horizon] })]
);

// What a co-op sets for its production plan.
export const coopSettings = sqliteTable('coop_settings', {
	cooperativeId: integer('cooperative_id')
		.primaryKey()
		.references(() => cooperatives.id, { onDelete: 'cascade' }),
	/** Weeks from starting a production run until the goods can be sold. */
	leadTimeWeeks: integer('lead_time_weeks').notNull().default(3),
	/** Of every 100 comparable items sold, how many the member expects to sell (percent). */
	marketSharePct: real('market_share_pct').notNull().default(5),
	/** How many weeks of sales one run covers. */
	runWeeks: integer('run_weeks').notNull().default(6),
	/** Raw materials must be in this many days before a run starts. */
	buyDaysBefore: integer('buy_days_before').notNull().default(7),
	updatedAt: text('updated_at').notNull()
});

// Raw materials per unit of a product ("1 pot = 2 kg tanah liat + 0,1 kg glasir"), edited by the co-op.
export const billOfMaterials = sqliteTable(
	'bill_of_materials',
	{
		productId: integer('product_id')
			.notNull()
			.references(() => products.id, { onDelete: 'cascade' }),
		material: text('material').notNull(),
		quantity: real('quantity').notNull(),
		unit: text('unit').notNull(),
		updatedAt: text('updated_at').notNull(),
		// The row's place in the list as the co-op typed it (0, 1, …): an order both engines keep.
		position: integer('position').notNull().default(0)
	},
	(t) => [primaryKey({ columns: [t.productId, t.material] })]
);

// The market part of each product's dashboard (competitor prices, weekly demand, price history,
// review themes, alert inputs: everything but the producer's own price and today's date), built
// by refreshDerived for the products an import or seed touched, so a dashboard request reads one
// row instead of tens of thousands of snapshots. `signature` names the competitor set and the
// format it was built from; on a mismatch the reader shows the stored part (another format: none)
// and asks the background writer to rebuild it (read/market.ts); a request never writes it.
export const productMarket = sqliteTable('product_market', {
	productId: integer('product_id')
		.primaryKey()
		.references(() => products.id, { onDelete: 'cascade' }),
	signature: text('signature').notNull(),
	data: text('data').notNull(), // JSON MarketPart (derive/market-part.ts)
	builtAt: text('built_at').notNull()
});

// Listings of a product's kind that its set does not compare, and why: no size in the product's
// unit family ('no-size'), two sizes that contradict each other ('conflict'), sold by another
// unit ('other-unit'), removed by an agent ('removed'). Rebuilt with product_competitors.
export const leftOutReasons = ['no-size', 'conflict', 'other-unit', 'removed'] as const;
export const competitorLeftOut = sqliteTable(
	'competitor_left_out',
	{
		productId: integer('product_id')
			.notNull()
			.references(() => products.id, { onDelete: 'cascade' }),
		listingId: integer('listing_id')
			.notNull()
			.references(() => listings.id, { onDelete: 'cascade' }),
		reason: text('reason', { enum: leftOutReasons }).notNull()
	},
	(t) => [primaryKey({ columns: [t.productId, t.listingId] }), index('competitor_left_out_listing_idx').on(t.listingId)]
);

// An agent's (or admin's) decision that a listing is not comparable to a product: it stays out of
// the product's set across refreshes, with the reason given, who decided and when.
export const competitorExclusions = sqliteTable(
	'competitor_exclusions',
	{
		productId: integer('product_id')
			.notNull()
			.references(() => products.id, { onDelete: 'cascade' }),
		listingId: integer('listing_id')
			.notNull()
			.references(() => listings.id, { onDelete: 'cascade' }),
		reason: text('reason').notNull(),
		userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
		createdAt: text('created_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.productId, t.listingId] })]
);

// What a product's competitor set was built from: its kind, how many listings of that kind were
// found in related categories, how many are compared (at most COMPETITOR_LIMIT, the closest), and
// how many were left out per reason (JSON { "no-size": 12, … }, over all candidates; the rows of
// competitor_left_out name the closest of them).
export const competitorSets = sqliteTable('competitor_sets', {
	productId: integer('product_id')
		.primaryKey()
		.references(() => products.id, { onDelete: 'cascade' }),
	kind: text('kind').notNull(),
	candidates: integer('candidates').notNull(),
	compared: integer('compared').notNull(),
	leftOut: text('left_out').notNull(),
	builtAt: text('built_at').notNull()
});

// The sales book (issue 14): units a producer sold or was ordered, per product per week (the
// week's Monday), recorded with the short form ("Minggu ini terjual: __"), through `sales.record`
// or imported from a file. One row per product and week: recording a week again replaces it.
// The co-op plan takes a member's share of the market from these rows.
export const salesSources = ['form', 'api', 'import', 'demo'] as const;
export const sales = sqliteTable(
	'sales',
	{
		productId: integer('product_id')
			.notNull()
			.references(() => products.id, { onDelete: 'cascade' }),
		weekStart: text('week_start').notNull(),
		units: integer('units').notNull(),
		source: text('source', { enum: salesSources }).notNull(),
		// Who wrote it (the producer or their agent); null for imports and the demo.
		userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
		batchId: integer('batch_id').references(() => importBatches.id, { onDelete: 'set null' }),
		recordedAt: text('recorded_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.productId, t.weekStart] })]
);

// What a co-op sets per member product for its season plans: how many units a week the member
// can make (a plan never asks for more), and the member's share of the market when the sales
// book is too short to tell (null: the co-op's marketSharePct).
export const coopMemberPlans = sqliteTable(
	'coop_member_plans',
	{
		cooperativeId: integer('cooperative_id')
			.notNull()
			.references(() => cooperatives.id, { onDelete: 'cascade' }),
		productId: integer('product_id')
			.notNull()
			.references(() => products.id, { onDelete: 'cascade' }),
		capacityPerWeek: integer('capacity_per_week'),
		sharePct: real('share_pct'),
		updatedAt: text('updated_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.cooperativeId, t.productId] })]
);

// How a co-op buys each raw material: the purchase unit and how much of the bill of materials'
// unit one holds ("karung" of 50 kg, "rim" of 500 lembar, "lusin" of 12 buah). Keyed by the
// material and unit as the plan sums them (lower case).
export const coopMaterials = sqliteTable(
	'coop_materials',
	{
		cooperativeId: integer('cooperative_id')
			.notNull()
			.references(() => cooperatives.id, { onDelete: 'cascade' }),
		materialKey: text('material_key').notNull(),
		unitKey: text('unit_key').notNull(),
		purchaseUnit: text('purchase_unit').notNull(),
		purchaseSize: real('purchase_size').notNull(),
		updatedAt: text('updated_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.cooperativeId, t.materialKey, t.unitKey] })]
);

// A season plan as the co-op saved it ("Simpan rencana ini"), so that once the season has passed
// the plan page can say how far the forecast and the plan were from the recorded sales. `data`:
// JSON SavedPlanLine[] (read/plan.ts), one per member product.
export const coopSavedPlans = sqliteTable(
	'coop_saved_plans',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		cooperativeId: integer('cooperative_id')
			.notNull()
			.references(() => cooperatives.id, { onDelete: 'cascade' }),
		seasonKey: text('season_key').notNull(),
		seasonName: text('season_name').notNull(),
		sellStart: text('sell_start').notNull(),
		sellEnd: text('sell_end').notNull(),
		userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
		savedAt: text('saved_at').notNull(),
		data: text('data').notNull()
	},
	(t) => [index('coop_saved_plans_coop_idx').on(t.cooperativeId, t.sellEnd)]
);

// Feeds (issue 18): an HTTP(S) export (CSV, JSON, JSON Lines, XLSX) pulled on its schedule by the
// background writer through the same import pipeline (src/lib/server/feeds/). The validators of
// the content last imported (ETag, Last-Modified, sha256) let an unchanged export be skipped; they
// change only when an import succeeds, so a failed pull is pulled again and nothing is lost.
export const feedStatuses = ['imported', 'unchanged', 'failed'] as const;
export const feeds = sqliteTable(
	'feeds',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		name: text('name').notNull(),
		url: text('url').notNull(),
		everySeconds: integer('every_seconds').notNull(),
		// A shape id (ingest/shapes.ts), null: recognised from the header.
		source: text('source'),
		map: text('map'),
		// Private-network and loopback addresses are refused unless the admin allowed them for this feed.
		allowPrivate: integer('allow_private', { mode: 'boolean' }).notNull().default(false),
		createdAt: text('created_at').notNull(),
		etag: text('etag'),
		lastModified: text('last_modified'),
		contentHash: text('content_hash'),
		lastAttemptAt: text('last_attempt_at'),
		lastStatus: text('last_status', { enum: feedStatuses }),
		lastError: text('last_error'),
		// The last pull that worked (imported or unchanged), and the last that brought new data.
		lastSuccessAt: text('last_success_at'),
		lastImportAt: text('last_import_at'),
		lastBatchId: integer('last_batch_id').references(() => importBatches.id, { onDelete: 'set null' }),
		lastRows: integer('last_rows'),
		lastRejected: integer('last_rejected'),
		// Failed pulls in a row: how soon the next retry comes.
		failures: integer('failures').notNull().default(0),
		nextRunAt: text('next_run_at').notNull(),
		// When the writer last logged this feed as late (once per late spell).
		lateNotedAt: text('late_noted_at'),
		// Who is pulling it now (the server's writer or `npm run feeds -- run`), until when.
		leaseOwner: text('lease_owner'),
		leaseUntil: text('lease_until')
	},
	(t) => [uniqueIndex('feeds_name_idx').on(t.name), index('feeds_next_run_idx').on(t.nextRunAt)]
);

// Every pull of a feed, with its outcome and reason: the feed's history on /impor/sumber.
export const feedRuns = sqliteTable(
	'feed_runs',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		feedId: integer('feed_id')
			.notNull()
			.references(() => feeds.id, { onDelete: 'cascade' }),
		startedAt: text('started_at').notNull(),
		finishedAt: text('finished_at').notNull(),
		status: text('status', { enum: feedStatuses }).notNull(),
		batchId: integer('batch_id').references(() => importBatches.id, { onDelete: 'set null' }),
		rows: integer('rows').notNull().default(0),
		rejected: integer('rejected').notNull().default(0),
		httpStatus: integer('http_status'),
		bytes: integer('bytes'),
		error: text('error')
	},
	(t) => [index('feed_runs_feed_idx').on(t.feedId, t.id)]
);

// Files the inbox folder (IMPORT_INBOX) took in: by the sha256 of their content, so the same
// content is never imported twice, and where each file was moved (done/ or failed/).
export const inboxStatuses = ['imported', 'failed', 'duplicate'] as const;
export const inboxFiles = sqliteTable(
	'inbox_files',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		fileName: text('file_name').notNull(),
		contentHash: text('content_hash').notNull(),
		seenAt: text('seen_at').notNull(),
		finishedAt: text('finished_at').notNull(),
		status: text('status', { enum: inboxStatuses }).notNull(),
		batchId: integer('batch_id').references(() => importBatches.id, { onDelete: 'set null' }),
		rows: integer('rows').notNull().default(0),
		rejected: integer('rejected').notNull().default(0),
		error: text('error'),
		movedTo: text('moved_to')
	},
	(t) => [index('inbox_files_hash_idx').on(t.contentHash), index('inbox_files_seen_idx').on(t.seenAt)]
);
