CREATE TABLE `quickbooks_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entity_type` text NOT NULL,
	`qb_id` text NOT NULL,
	`match_key` text NOT NULL,
	`taken_key` text,
	`label` text NOT NULL,
	`edit_sequence` text,
	`fields` text NOT NULL,
	`kept_apart_from` integer,
	`seen_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quickbooks_records_id` ON `quickbooks_records` (`entity_type`,`qb_id`);--> statement-breakpoint
CREATE INDEX `quickbooks_records_match` ON `quickbooks_records` (`entity_type`,`match_key`);--> statement-breakpoint
CREATE INDEX `quickbooks_records_taken` ON `quickbooks_records` (`entity_type`,`taken_key`);--> statement-breakpoint
ALTER TABLE `qbwc_sessions` ADD `credentials_id` text;--> statement-breakpoint
ALTER TABLE `sync_items` ADD `dismissed_reason` text;--> statement-breakpoint
ALTER TABLE `sync_items` ADD `read_name` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `sync_items` ADD `match_choices` text;--> statement-breakpoint
CREATE INDEX `payments_ref_number` ON `payments` (`ref_number`);