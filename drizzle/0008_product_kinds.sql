CREATE TABLE `competitor_exclusions` (
	`product_id` integer NOT NULL,
	`listing_id` integer NOT NULL,
	`reason` text NOT NULL,
	`user_id` integer,
	`created_at` text NOT NULL,
	PRIMARY KEY(`product_id`, `listing_id`),
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`listing_id`) REFERENCES `listings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `competitor_left_out` (
	`product_id` integer NOT NULL,
	`listing_id` integer NOT NULL,
	`reason` text NOT NULL,
	PRIMARY KEY(`product_id`, `listing_id`),
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`listing_id`) REFERENCES `listings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `competitor_left_out_listing_idx` ON `competitor_left_out` (`listing_id`);--> statement-breakpoint
CREATE TABLE `competitor_sets` (
	`product_id` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`candidates` integer NOT NULL,
	`compared` integer NOT NULL,
	`left_out` text NOT NULL,
	`built_at` text NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `listings` ADD `kind` text;--> statement-breakpoint
ALTER TABLE `listings` ADD `kind_attrs` text;--> statement-breakpoint
ALTER TABLE `listings` ADD `pack_status` text;--> statement-breakpoint
CREATE INDEX `listings_kind_idx` ON `listings` (`kind`,`category_id`);--> statement-breakpoint
ALTER TABLE `products` ADD `kind` text;--> statement-breakpoint
ALTER TABLE `products` ADD `kind_attrs` text;