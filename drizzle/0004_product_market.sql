CREATE TABLE `product_market` (
	`product_id` integer PRIMARY KEY NOT NULL,
	`signature` text NOT NULL,
	`data` text NOT NULL,
	`built_at` text NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE cascade
);
