ALTER TABLE `contacts` ADD `custom_fields` text;--> statement-breakpoint
ALTER TABLE `items` ADD `custom_fields` text;