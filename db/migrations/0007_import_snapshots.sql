CREATE TABLE `import_snapshots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`sync_item_id` integer NOT NULL,
	`entity_type` text NOT NULL,
	`local_id` integer,
	`record` text,
	`created_at` integer NOT NULL,
	`undone_at` integer,
	`undone_by` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `import_snapshots_item` ON `import_snapshots` (`session_id`,`sync_item_id`);