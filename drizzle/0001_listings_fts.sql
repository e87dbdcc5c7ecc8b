-- Full-text index over listing titles, used to find a product's comparable listings.
-- External-content FTS5 table: the text lives once, in listings; triggers keep the index in step.
CREATE VIRTUAL TABLE `listings_fts` USING fts5(
	title,
	content='listings',
	content_rowid='id',
	tokenize='unicode61 remove_diacritics 2',
	prefix='3'
);
--> statement-breakpoint
CREATE TRIGGER `listings_fts_ai` AFTER INSERT ON `listings` BEGIN
	INSERT INTO listings_fts(rowid, title) VALUES (new.id, new.title);
END;
--> statement-breakpoint
CREATE TRIGGER `listings_fts_ad` AFTER DELETE ON `listings` BEGIN
	INSERT INTO listings_fts(listings_fts, rowid, title) VALUES ('delete', old.id, old.title);
END;
--> statement-breakpoint
CREATE TRIGGER `listings_fts_au` AFTER UPDATE OF `title` ON `listings` BEGIN
	INSERT INTO listings_fts(listings_fts, rowid, title) VALUES ('delete', old.id, old.title);
	INSERT INTO listings_fts(rowid, title) VALUES (new.id, new.title);
END;
