ALTER TABLE `items` ADD `full_name` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `items` ADD `parent_id` integer REFERENCES items(id);--> statement-breakpoint
CREATE INDEX `items_parent` ON `items` (`parent_id`);--> statement-breakpoint
-- Written by hand: every item so far is at the top level, so its full name is its name.
UPDATE `items` SET `full_name` = `name`;
