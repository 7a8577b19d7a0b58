CREATE TABLE `qbwc_auth_failures` (
	`username_key` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`last_failure_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `qbwc_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ticket_hash` text,
	`username` text NOT NULL,
	`status` text NOT NULL,
	`started_at` integer NOT NULL,
	`last_call_at` integer NOT NULL,
	`ended_at` integer,
	`company_file` text,
	`company_name` text,
	`product_name` text,
	`product_version` text,
	`country` text,
	`qbxml_major` integer,
	`qbxml_minor` integer,
	`handshake` text,
	`awaiting` text,
	`next_request` text,
	`requests_sent` integer DEFAULT 0 NOT NULL,
	`responses_received` integer DEFAULT 0 NOT NULL,
	`percent_done` integer DEFAULT 0 NOT NULL,
	`last_error` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `qbwc_sessions_ticket` ON `qbwc_sessions` (`ticket_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `qbwc_sessions_one_active` ON `qbwc_sessions` (`status`) WHERE status = 'active';