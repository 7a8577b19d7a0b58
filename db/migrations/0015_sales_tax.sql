CREATE TABLE `sales_tax_group_items` (
	`group_id` integer NOT NULL,
	`item_id` integer NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `sales_tax_items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`item_id`) REFERENCES `sales_tax_items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sales_tax_group_items_pair` ON `sales_tax_group_items` (`group_id`,`item_id`);--> statement-breakpoint
CREATE TABLE `sales_tax_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`name_key` text NOT NULL,
	`description` text,
	`rate_percent` real,
	`agency_id` integer,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`agency_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sales_tax_items_name_key` ON `sales_tax_items` (`name_key`);--> statement-breakpoint
ALTER TABLE `contacts` ADD `sales_tax_code_id` integer REFERENCES sales_tax_codes(id);--> statement-breakpoint
ALTER TABLE `contacts` ADD `sales_tax_item_id` integer REFERENCES sales_tax_items(id);--> statement-breakpoint
ALTER TABLE `invoice_lines` ADD `sales_tax_code_id` integer REFERENCES sales_tax_codes(id);--> statement-breakpoint
ALTER TABLE `invoices` ADD `subtotal_cents` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `invoices` ADD `tax_cents` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `invoices` ADD `customer_sales_tax_code_id` integer REFERENCES sales_tax_codes(id);--> statement-breakpoint
ALTER TABLE `invoices` ADD `sales_tax_item_id` integer REFERENCES sales_tax_items(id);--> statement-breakpoint
ALTER TABLE `invoices` ADD `quickbooks_tax_cents` integer;--> statement-breakpoint
ALTER TABLE `invoices` ADD `quickbooks_total_cents` integer;--> statement-breakpoint
ALTER TABLE `invoices` ADD `quickbooks_tax_percent` real;--> statement-breakpoint
-- Hand-written: invoices so far carried no tax, so their subtotal is their total; and open pages follow the new lists.
UPDATE `invoices` SET `subtotal_cents` = `total_cents`;
--> statement-breakpoint
CREATE TRIGGER `live_sales_tax_items_insert` AFTER INSERT ON `sales_tax_items` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_sales_tax_items_update` AFTER UPDATE ON `sales_tax_items` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_sales_tax_items_delete` AFTER DELETE ON `sales_tax_items` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
