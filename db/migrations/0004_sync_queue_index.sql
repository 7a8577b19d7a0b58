CREATE INDEX `sync_items_queue` ON `sync_items` (`state`,`lookup_first`,`entity_type`,`id`);--> statement-breakpoint
-- An item in doubt is always looked up first; the drain now finds it by that flag.
UPDATE `sync_items` SET `lookup_first` = 1 WHERE `state` = 'in_doubt';
