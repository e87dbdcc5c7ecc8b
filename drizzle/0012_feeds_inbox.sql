CREATE TABLE `feed_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`feed_id` integer NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text NOT NULL,
	`status` text NOT NULL,
	`batch_id` integer,
	`rows` integer DEFAULT 0 NOT NULL,
	`rejected` integer DEFAULT 0 NOT NULL,
	`http_status` integer,
	`bytes` integer,
	`error` text,
	FOREIGN KEY (`feed_id`) REFERENCES `feeds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`batch_id`) REFERENCES `import_batches`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `feed_runs_feed_idx` ON `feed_runs` (`feed_id`,`id`);--> statement-breakpoint
CREATE TABLE `feeds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`url` text NOT NULL,
	`every_seconds` integer NOT NULL,
	`source` text,
	`map` text,
	`allow_private` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	`etag` text,
	`last_modified` text,
	`content_hash` text,
	`last_attempt_at` text,
	`last_status` text,
	`last_error` text,
	`last_success_at` text,
	`last_import_at` text,
	`last_batch_id` integer,
	`last_rows` integer,
	`last_rejected` integer,
	`failures` integer DEFAULT 0 NOT NULL,
	`next_run_at` text NOT NULL,
	`late_noted_at` text,
	`lease_owner` text,
	`lease_until` text,
	FOREIGN KEY (`last_batch_id`) REFERENCES `import_batches`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `feeds_name_idx` ON `feeds` (`name`);--> statement-breakpoint
CREATE INDEX `feeds_next_run_idx` ON `feeds` (`next_run_at`);--> statement-breakpoint
CREATE TABLE `inbox_files` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`file_name` text NOT NULL,
	`content_hash` text NOT NULL,
	`seen_at` text NOT NULL,
	`finished_at` text NOT NULL,
	`status` text NOT NULL,
	`batch_id` integer,
	`rows` integer DEFAULT 0 NOT NULL,
	`rejected` integer DEFAULT 0 NOT NULL,
	`error` text,
	`moved_to` text,
	FOREIGN KEY (`batch_id`) REFERENCES `import_batches`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `inbox_files_hash_idx` ON `inbox_files` (`content_hash`);--> statement-breakpoint
CREATE INDEX `inbox_files_seen_idx` ON `inbox_files` (`seen_at`);