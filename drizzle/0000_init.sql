CREATE TABLE `agents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`phone` text,
	`region_code` text,
	FOREIGN KEY (`region_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `categories` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`parent_id` integer,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`unit_family` text DEFAULT 'count' NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `categories_slug_idx` ON `categories` (`slug`);--> statement-breakpoint
CREATE INDEX `categories_parent_idx` ON `categories` (`parent_id`);--> statement-breakpoint
CREATE TABLE `category_weekly_demand` (
	`category_id` integer NOT NULL,
	`marketplace_id` text NOT NULL,
	`province_code` text DEFAULT '' NOT NULL,
	`week_start` text NOT NULL,
	`units` integer NOT NULL,
	`listings` integer NOT NULL,
	`lower_bound` integer DEFAULT false NOT NULL,
	`interpolated` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`category_id`, `marketplace_id`, `province_code`, `week_start`),
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`marketplace_id`) REFERENCES `marketplaces`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `cooperatives` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`region_code` text,
	FOREIGN KEY (`region_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `import_batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`source` text NOT NULL,
	`filename` text,
	`status` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`observed_at` text,
	`rows` integer DEFAULT 0 NOT NULL,
	`inserted` integer DEFAULT 0 NOT NULL,
	`updated` integer DEFAULT 0 NOT NULL,
	`duplicates` integer DEFAULT 0 NOT NULL,
	`rejected` integer DEFAULT 0 NOT NULL,
	`message` text,
	`file_hash` text,
	`unmapped` text
);
--> statement-breakpoint
CREATE TABLE `import_rejections` (
	`batch_id` integer NOT NULL,
	`line` integer NOT NULL,
	`column` text,
	`reason_id` text NOT NULL,
	`reason_en` text NOT NULL,
	`raw` text,
	FOREIGN KEY (`batch_id`) REFERENCES `import_batches`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `import_rejections_batch_idx` ON `import_rejections` (`batch_id`,`line`);--> statement-breakpoint
CREATE TABLE `listing_snapshots` (
	`listing_id` integer NOT NULL,
	`observed_at` text NOT NULL,
	`price` integer NOT NULL,
	`sold_count` integer,
	`sold_lower_bound` integer DEFAULT false NOT NULL,
	`rating` real,
	`review_count` integer,
	`batch_id` integer,
	PRIMARY KEY(`listing_id`, `observed_at`),
	FOREIGN KEY (`listing_id`) REFERENCES `listings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`batch_id`) REFERENCES `import_batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `snapshots_observed_idx` ON `listing_snapshots` (`observed_at`);--> statement-breakpoint
CREATE TABLE `listings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`marketplace_id` text NOT NULL,
	`external_id` text NOT NULL,
	`url` text,
	`title` text NOT NULL,
	`category_id` integer,
	`shop_id` integer,
	`region_code` text,
	`pack_quantity` real DEFAULT 1 NOT NULL,
	`unit` text DEFAULT 'pcs' NOT NULL,
	`unit_family` text DEFAULT 'count' NOT NULL,
	`price` integer NOT NULL,
	`price_max` integer,
	`sold_count` integer,
	`sold_lower_bound` integer DEFAULT false NOT NULL,
	`rating` real,
	`review_count` integer,
	`first_seen_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	`batch_id` integer,
	`raw_category` text,
	`raw_location` text,
	FOREIGN KEY (`marketplace_id`) REFERENCES `marketplaces`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`batch_id`) REFERENCES `import_batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `listings_marketplace_external_idx` ON `listings` (`marketplace_id`,`external_id`);--> statement-breakpoint
CREATE INDEX `listings_category_family_idx` ON `listings` (`category_id`,`unit_family`);--> statement-breakpoint
CREATE INDEX `listings_shop_idx` ON `listings` (`shop_id`);--> statement-breakpoint
CREATE TABLE `login_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_attempts_key_idx` ON `login_attempts` (`key`,`at`);--> statement-breakpoint
CREATE TABLE `marketplaces` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `memberships` (
	`cooperative_id` integer NOT NULL,
	`producer_id` integer NOT NULL,
	`joined_at` text NOT NULL,
	PRIMARY KEY(`cooperative_id`, `producer_id`),
	FOREIGN KEY (`cooperative_id`) REFERENCES `cooperatives`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`producer_id`) REFERENCES `producers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `memberships_producer_idx` ON `memberships` (`producer_id`);--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `producers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`phone` text,
	`village_code` text,
	`agent_id` integer,
	`created_at` text NOT NULL,
	FOREIGN KEY (`village_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `producers_agent_idx` ON `producers` (`agent_id`);--> statement-breakpoint
CREATE TABLE `product_competitors` (
	`product_id` integer NOT NULL,
	`listing_id` integer NOT NULL,
	`rank` real NOT NULL,
	PRIMARY KEY(`product_id`, `listing_id`),
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`listing_id`) REFERENCES `listings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `competitors_listing_idx` ON `product_competitors` (`listing_id`);--> statement-breakpoint
CREATE TABLE `products` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`producer_id` integer NOT NULL,
	`name` text NOT NULL,
	`category_id` integer NOT NULL,
	`price` integer NOT NULL,
	`pack_quantity` real DEFAULT 1 NOT NULL,
	`unit` text DEFAULT 'pcs' NOT NULL,
	`unit_family` text DEFAULT 'count' NOT NULL,
	`keywords` text NOT NULL,
	`village_code` text,
	`is_demo` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`producer_id`) REFERENCES `producers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`village_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `products_producer_idx` ON `products` (`producer_id`);--> statement-breakpoint
CREATE INDEX `products_category_idx` ON `products` (`category_id`);--> statement-breakpoint
CREATE TABLE `regions` (
	`code` text PRIMARY KEY NOT NULL,
	`parent_code` text,
	`level` text NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `regions_parent_idx` ON `regions` (`parent_code`);--> statement-breakpoint
CREATE INDEX `regions_level_name_idx` ON `regions` (`level`,`name`);--> statement-breakpoint
CREATE TABLE `review_aspects` (
	`review_id` integer NOT NULL,
	`aspect` text NOT NULL,
	`polarity` text NOT NULL,
	`score` real NOT NULL,
	`clause` text NOT NULL,
	PRIMARY KEY(`review_id`, `aspect`, `polarity`),
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `review_aspects_aspect_idx` ON `review_aspects` (`aspect`);--> statement-breakpoint
CREATE TABLE `reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`listing_id` integer NOT NULL,
	`external_id` text,
	`reviewed_at` text NOT NULL,
	`stars` integer,
	`text` text NOT NULL,
	`batch_id` integer,
	`polarity` text,
	`score` real,
	`has_complaint` integer,
	`analyzer_version` integer,
	FOREIGN KEY (`listing_id`) REFERENCES `listings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`batch_id`) REFERENCES `import_batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reviews_listing_idx` ON `reviews` (`listing_id`,`reviewed_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `reviews_listing_external_idx` ON `reviews` (`listing_id`,`external_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`expires_at` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `shops` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`marketplace_id` text NOT NULL,
	`external_id` text NOT NULL,
	`name` text NOT NULL,
	`region_code` text,
	`rating` real,
	FOREIGN KEY (`marketplace_id`) REFERENCES `marketplaces`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shops_marketplace_external_idx` ON `shops` (`marketplace_id`,`external_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`phone` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`name` text NOT NULL,
	`producer_id` integer,
	`agent_id` integer,
	`cooperative_id` integer,
	`created_at` text NOT NULL,
	FOREIGN KEY (`producer_id`) REFERENCES `producers`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`agent_id`) REFERENCES `agents`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`cooperative_id`) REFERENCES `cooperatives`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_phone_idx` ON `users` (`phone`);