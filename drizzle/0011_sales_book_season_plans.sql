CREATE TABLE `coop_materials` (
	`cooperative_id` integer NOT NULL,
	`material_key` text NOT NULL,
	`unit_key` text NOT NULL,
	`purchase_unit` text NOT NULL,
	`purchase_size` real NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`cooperative_id`, `material_key`, `unit_key`),
	FOREIGN KEY (`cooperative_id`) REFERENCES `cooperatives`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `coop_member_plans` (
	`cooperative_id` integer NOT NULL,
	`product_id` integer NOT NULL,
	`capacity_per_week` integer,
	`share_pct` real,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`cooperative_id`, `product_id`),
	FOREIGN KEY (`cooperative_id`) REFERENCES `cooperatives`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `coop_saved_plans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cooperative_id` integer NOT NULL,
	`season_key` text NOT NULL,
	`season_name` text NOT NULL,
	`sell_start` text NOT NULL,
	`sell_end` text NOT NULL,
	`user_id` integer,
	`saved_at` text NOT NULL,
	`data` text NOT NULL,
	FOREIGN KEY (`cooperative_id`) REFERENCES `cooperatives`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `coop_saved_plans_coop_idx` ON `coop_saved_plans` (`cooperative_id`,`sell_end`);--> statement-breakpoint
CREATE TABLE `sales` (
	`product_id` integer NOT NULL,
	`week_start` text NOT NULL,
	`units` integer NOT NULL,
	`source` text NOT NULL,
	`user_id` integer,
	`batch_id` integer,
	`recorded_at` text NOT NULL,
	PRIMARY KEY(`product_id`, `week_start`),
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`batch_id`) REFERENCES `import_batches`(`id`) ON UPDATE no action ON DELETE set null
);
