CREATE TABLE `live_version` (
	`id` integer PRIMARY KEY NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `live_version` (`id`, `version`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `live_contacts_insert` AFTER INSERT ON `contacts` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_contacts_update` AFTER UPDATE ON `contacts` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_contacts_delete` AFTER DELETE ON `contacts` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_items_insert` AFTER INSERT ON `items` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_items_update` AFTER UPDATE ON `items` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_items_delete` AFTER DELETE ON `items` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_payment_methods_insert` AFTER INSERT ON `payment_methods` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_payment_methods_update` AFTER UPDATE ON `payment_methods` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_payment_methods_delete` AFTER DELETE ON `payment_methods` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_terms_insert` AFTER INSERT ON `terms` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_terms_update` AFTER UPDATE ON `terms` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_terms_delete` AFTER DELETE ON `terms` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_sales_tax_codes_insert` AFTER INSERT ON `sales_tax_codes` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_sales_tax_codes_update` AFTER UPDATE ON `sales_tax_codes` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_sales_tax_codes_delete` AFTER DELETE ON `sales_tax_codes` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_invoices_insert` AFTER INSERT ON `invoices` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_invoices_update` AFTER UPDATE ON `invoices` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_invoices_delete` AFTER DELETE ON `invoices` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_payments_insert` AFTER INSERT ON `payments` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_payments_update` AFTER UPDATE ON `payments` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_payments_delete` AFTER DELETE ON `payments` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_users_insert` AFTER INSERT ON `users` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_users_update` AFTER UPDATE ON `users` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_users_delete` AFTER DELETE ON `users` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_app_settings_insert` AFTER INSERT ON `app_settings` WHEN NEW.`key` <> 'health.probe' BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_app_settings_update` AFTER UPDATE ON `app_settings` WHEN NEW.`key` <> 'health.probe' BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_app_settings_delete` AFTER DELETE ON `app_settings` WHEN OLD.`key` <> 'health.probe' BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_qbwc_sessions_insert` AFTER INSERT ON `qbwc_sessions` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_qbwc_sessions_update` AFTER UPDATE ON `qbwc_sessions` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_qbwc_sessions_delete` AFTER DELETE ON `qbwc_sessions` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_sync_runs_insert` AFTER INSERT ON `sync_runs` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_sync_runs_update` AFTER UPDATE ON `sync_runs` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_sync_runs_delete` AFTER DELETE ON `sync_runs` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_sync_links_insert` AFTER INSERT ON `sync_links` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_sync_links_update` AFTER UPDATE ON `sync_links` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_sync_links_delete` AFTER DELETE ON `sync_links` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_sync_items_insert` AFTER INSERT ON `sync_items` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_sync_items_update` AFTER UPDATE ON `sync_items` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_sync_items_delete` AFTER DELETE ON `sync_items` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_import_snapshots_insert` AFTER INSERT ON `import_snapshots` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_import_snapshots_update` AFTER UPDATE ON `import_snapshots` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_import_snapshots_delete` AFTER DELETE ON `import_snapshots` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_sync_attempts_insert` AFTER INSERT ON `sync_attempts` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
--> statement-breakpoint
CREATE TRIGGER `live_sync_audit_insert` AFTER INSERT ON `sync_audit` BEGIN UPDATE `live_version` SET `version` = `version` + 1 WHERE `id` = 1; END;
