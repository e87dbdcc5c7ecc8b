ALTER TABLE `listing_snapshots` ADD `sold_monthly` integer;--> statement-breakpoint
ALTER TABLE `listings` ADD `sold_monthly` integer;