CREATE TABLE `purchase_order_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`purchase_order_id` integer NOT NULL,
	`position` integer NOT NULL,
	`item_id` integer NOT NULL,
	`description` text,
	`quantity` real NOT NULL,
	`rate_cents` integer NOT NULL,
	`amount_cents` integer NOT NULL,
	`received_quantity` real DEFAULT 0 NOT NULL,
	FOREIGN KEY (`purchase_order_id`) REFERENCES `purchase_orders`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `purchase_order_lines_order` ON `purchase_order_lines` (`purchase_order_id`,`position`);--> statement-breakpoint
CREATE TABLE `purchase_orders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`number` text NOT NULL,
	`vendor_id` integer NOT NULL,
	`ship_to_customer_id` integer,
	`txn_date` text NOT NULL,
	`expected_date` text,
	`memo` text,
	`total_cents` integer DEFAULT 0 NOT NULL,
	`fully_received` integer DEFAULT false NOT NULL,
	`manually_closed` integer DEFAULT false NOT NULL,
	`send_requested_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`vendor_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ship_to_customer_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `purchase_orders_number` ON `purchase_orders` (`number`);--> statement-breakpoint
CREATE INDEX `purchase_orders_vendor` ON `purchase_orders` (`vendor_id`);--> statement-breakpoint
CREATE INDEX `purchase_orders_txn_date` ON `purchase_orders` (`txn_date`);--> statement-breakpoint
-- Hand-written: open pages notice purchase order changes (see 0010_live_version).
CREATE TRIGGER `live_purchase_orders_insert` AFTER INSERT ON `purchase_orders` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_purchase_orders_update` AFTER UPDATE ON `purchase_orders` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_purchase_orders_delete` AFTER DELETE ON `purchase_orders` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
