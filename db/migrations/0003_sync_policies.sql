ALTER TABLE `contacts` ADD `proxy_id` integer REFERENCES contacts(id);--> statement-breakpoint
CREATE INDEX `contacts_proxy` ON `contacts` (`proxy_id`);--> statement-breakpoint
ALTER TABLE `invoices` ADD `nc_only` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `invoices` ADD `send_requested_at` integer;--> statement-breakpoint
ALTER TABLE `items` ADD `proxy_id` integer REFERENCES items(id);--> statement-breakpoint
CREATE INDEX `items_proxy` ON `items` (`proxy_id`);--> statement-breakpoint
ALTER TABLE `payments` ADD `nc_only` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `payments` ADD `send_requested_at` integer;