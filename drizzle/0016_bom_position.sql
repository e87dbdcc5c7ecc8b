ALTER TABLE `bill_of_materials` ADD `position` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
-- Rows saved before this column existed keep the order they were written in (their rowid).
UPDATE `bill_of_materials` SET `position` = (SELECT count(*) FROM `bill_of_materials` AS `b` WHERE `b`.`product_id` = `bill_of_materials`.`product_id` AND `b`.`rowid` < `bill_of_materials`.`rowid`);
