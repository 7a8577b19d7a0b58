CREATE TABLE `accounts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`full_name` text NOT NULL,
	`name_key` text NOT NULL,
	`account_type` text NOT NULL,
	`account_number` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_by` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_name_key` ON `accounts` (`name_key`);--> statement-breakpoint
CREATE TABLE `bill_lines` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`bill_id` integer NOT NULL,
	`kind` text NOT NULL,
	`position` integer NOT NULL,
	`account_id` integer,
	`item_id` integer,
	`memo` text,
	`quantity` real,
	`cost_cents` integer,
	`amount_cents` integer NOT NULL,
	FOREIGN KEY (`bill_id`) REFERENCES `bills`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `bill_lines_bill` ON `bill_lines` (`bill_id`,`position`);--> statement-breakpoint
CREATE TABLE `bill_payment_applications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`bill_payment_id` integer NOT NULL,
	`bill_id` integer NOT NULL,
	`amount_cents` integer NOT NULL,
	FOREIGN KEY (`bill_payment_id`) REFERENCES `bill_payments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`bill_id`) REFERENCES `bills`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bill_payment_applications_pair` ON `bill_payment_applications` (`bill_payment_id`,`bill_id`);--> statement-breakpoint
CREATE INDEX `bill_payment_applications_bill` ON `bill_payment_applications` (`bill_id`);--> statement-breakpoint
CREATE TABLE `bill_payments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`vendor_id` integer NOT NULL,
	`txn_date` text NOT NULL,
	`bank_account_id` integer NOT NULL,
	`ref_number` text,
	`memo` text,
	`amount_cents` integer NOT NULL,
	`send_requested_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`vendor_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`bank_account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `bill_payments_vendor` ON `bill_payments` (`vendor_id`);--> statement-breakpoint
CREATE INDEX `bill_payments_txn_date` ON `bill_payments` (`txn_date`);--> statement-breakpoint
CREATE INDEX `bill_payments_ref_number` ON `bill_payments` (`ref_number`);--> statement-breakpoint
CREATE TABLE `bills` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`vendor_id` integer NOT NULL,
	`txn_date` text NOT NULL,
	`due_date` text,
	`terms_id` integer,
	`ref_number` text,
	`memo` text,
	`total_cents` integer DEFAULT 0 NOT NULL,
	`open_amount_cents` integer,
	`is_paid` integer,
	`send_requested_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_by` integer,
	FOREIGN KEY (`vendor_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`terms_id`) REFERENCES `terms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `bills_vendor` ON `bills` (`vendor_id`);--> statement-breakpoint
CREATE INDEX `bills_txn_date` ON `bills` (`txn_date`);--> statement-breakpoint
CREATE INDEX `bills_ref_number` ON `bills` (`ref_number`);
--> statement-breakpoint
-- Hand-written: open pages learn of changed accounts, bills and bill payments through live_version, as of the other records (0010).
CREATE TRIGGER `live_accounts_insert` AFTER INSERT ON `accounts` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_accounts_update` AFTER UPDATE ON `accounts` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_accounts_delete` AFTER DELETE ON `accounts` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_bills_insert` AFTER INSERT ON `bills` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_bills_update` AFTER UPDATE ON `bills` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_bills_delete` AFTER DELETE ON `bills` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_bill_payments_insert` AFTER INSERT ON `bill_payments` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_bill_payments_update` AFTER UPDATE ON `bill_payments` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_bill_payments_delete` AFTER DELETE ON `bill_payments` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
