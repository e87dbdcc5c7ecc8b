-- The full-text index over listing titles has had no reader since competitor sets are found by
-- product kind (issue 11): every import still paid to keep it (about 0.3 s of the write lock per
-- 100,000 new listings) and PostgreSQL would have needed its own. Gone, with its triggers.
DROP TRIGGER IF EXISTS `listings_fts_ai`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `listings_fts_ad`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `listings_fts_au`;
--> statement-breakpoint
DROP TABLE IF EXISTS `listings_fts`;
