CREATE TABLE `sync_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`session_id` integer,
	`sync_item_id` integer NOT NULL,
	`direction` text NOT NULL,
	`entity_type` text NOT NULL,
	`local_id` integer,
	`qb_id` text,
	`label` text NOT NULL,
	`action` text NOT NULL,
	`result` text NOT NULL,
	`status_code` text,
	`status_message` text,
	`approved_by` integer
);
--> statement-breakpoint
CREATE INDEX `sync_attempts_result` ON `sync_attempts` (`result`,`at`);--> statement-breakpoint
CREATE INDEX `sync_attempts_item` ON `sync_attempts` (`sync_item_id`);--> statement-breakpoint
CREATE TABLE `sync_audit` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`user_id` integer NOT NULL,
	`user_name` text NOT NULL,
	`action` text NOT NULL,
	`sync_item_id` integer,
	`entity_type` text,
	`local_id` integer,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `sync_audit_at` ON `sync_audit` (`at`);--> statement-breakpoint
CREATE TABLE `sync_checkpoints` (
	`query_key` text PRIMARY KEY NOT NULL,
	`time_modified` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`direction` text NOT NULL,
	`entity_type` text NOT NULL,
	`record_key` text NOT NULL,
	`action` text NOT NULL,
	`state` text NOT NULL,
	`local_id` integer,
	`qb_id` text,
	`label` text NOT NULL,
	`diff` text DEFAULT '[]' NOT NULL,
	`fingerprint` text NOT NULL,
	`remote_edit_sequence` text,
	`dismissed_fingerprint` text,
	`lookup_first` integer DEFAULT false NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`retries` integer DEFAULT 0 NOT NULL,
	`status_code` text,
	`status_message` text,
	`waiting_reason` text,
	`session_id` integer,
	`approved_by` integer,
	`approved_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sync_items_record` ON `sync_items` (`direction`,`entity_type`,`record_key`);--> statement-breakpoint
CREATE INDEX `sync_items_state` ON `sync_items` (`state`,`direction`,`entity_type`);--> statement-breakpoint
CREATE TABLE `sync_links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entity_type` text NOT NULL,
	`local_id` integer NOT NULL,
	`qb_id` text NOT NULL,
	`edit_sequence` text,
	`local_fingerprint` text NOT NULL,
	`remote_fingerprint` text NOT NULL,
	`fields` text DEFAULT '{}' NOT NULL,
	`synced_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sync_links_local` ON `sync_links` (`entity_type`,`local_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `sync_links_qb` ON `sync_links` (`entity_type`,`qb_id`);--> statement-breakpoint
CREATE TABLE `sync_runs` (
	`session_id` integer PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`updated_at` integer NOT NULL
);
