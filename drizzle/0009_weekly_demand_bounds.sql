ALTER TABLE `category_weekly_demand` ADD `units_low` real DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `category_weekly_demand` ADD `units_high` real DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `category_weekly_demand` ADD `variance` real DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `competitor_weekly_demand` ADD `units_low` real DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `competitor_weekly_demand` ADD `units_high` real DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `competitor_weekly_demand` ADD `variance` real DEFAULT 0 NOT NULL;