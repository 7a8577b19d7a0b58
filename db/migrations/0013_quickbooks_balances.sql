CREATE TABLE `quickbooks_balances` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entity_type` text NOT NULL,
	`qb_id` text NOT NULL,
	`balance_cents` integer NOT NULL,
	`total_balance_cents` integer,
	`parent_qb_id` text,
	`session_id` integer NOT NULL,
	`read_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quickbooks_balances_id` ON `quickbooks_balances` (`entity_type`,`qb_id`);--> statement-breakpoint
CREATE INDEX `quickbooks_balances_session` ON `quickbooks_balances` (`session_id`);--> statement-breakpoint
-- Hand-written: open pages show balances, so a change to them bumps live_version as the other tables do.
CREATE TRIGGER `live_quickbooks_balances_insert` AFTER INSERT ON `quickbooks_balances` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_quickbooks_balances_update` AFTER UPDATE ON `quickbooks_balances` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_quickbooks_balances_delete` AFTER DELETE ON `quickbooks_balances` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
