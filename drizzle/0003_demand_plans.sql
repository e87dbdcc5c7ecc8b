CREATE TABLE `bill_of_materials` (
	`product_id` integer NOT NULL,
	`material` text NOT NULL,
	`quantity` real NOT NULL,
	`unit` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`product_id`, `material`),
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `competitor_series_state` (
	`product_id` integer PRIMARY KEY NOT NULL,
	`signature` text NOT NULL,
	`built_at` text NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `competitor_weekly_demand` (
	`product_id` integer NOT NULL,
	`week_start` text NOT NULL,
	`units` integer NOT NULL,
	`listings` integer NOT NULL,
	`lower_bound` integer DEFAULT false NOT NULL,
	`interpolated` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`product_id`, `week_start`),
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `coop_settings` (
	`cooperative_id` integer PRIMARY KEY NOT NULL,
	`lead_time_weeks` integer DEFAULT 3 NOT NULL,
	`market_share_pct` real DEFAULT 5 NOT NULL,
	`run_weeks` integer DEFAULT 6 NOT NULL,
	`buy_days_before` integer DEFAULT 7 NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`cooperative_id`) REFERENCES `cooperatives`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `forecasts` (
	`series_key` text NOT NULL,
	`horizon` integer NOT NULL,
	`input_hash` text NOT NULL,
	`result` text NOT NULL,
	`ms` integer NOT NULL,
	`computed_at` text NOT NULL,
	PRIMARY KEY(`series_key`, `horizon`)
);
