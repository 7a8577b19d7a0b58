ALTER TABLE `bill_lines` ADD `purchase_order_line_id` integer REFERENCES purchase_order_lines(id);--> statement-breakpoint
CREATE INDEX `bill_lines_purchase_order_line` ON `bill_lines` (`purchase_order_line_id`);--> statement-breakpoint
ALTER TABLE `bills` ADD `purchase_order_id` integer REFERENCES purchase_orders(id);--> statement-breakpoint
CREATE INDEX `bills_purchase_order` ON `bills` (`purchase_order_id`);--> statement-breakpoint
ALTER TABLE `purchase_order_lines` ADD `qb_line_id` text;