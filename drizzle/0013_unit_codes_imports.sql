CREATE TABLE `imports` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` integer,
	`file_name` text NOT NULL,
	`sha256` text NOT NULL,
	`content` blob,
	`created_at` integer NOT NULL,
	`applied_at` integer,
	`summary` text,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `imports_person_idx` ON `imports` (`person_id`);--> statement-breakpoint
ALTER TABLE `units` ADD `code` text;--> statement-breakpoint
CREATE UNIQUE INDEX `units_code_unique` ON `units` (`code`);--> statement-breakpoint
-- Every unit has a code spreadsheets can name it by: existing ones and any created without one get "DV<id>".
-- Imported units bring their own; codes of the form DV<digits> are reserved for this (the import refuses them for new units).
UPDATE `units` SET `code` = 'DV' || `id` WHERE `code` IS NULL;--> statement-breakpoint
CREATE TRIGGER units_default_code AFTER INSERT ON units WHEN NEW.code IS NULL
BEGIN
	UPDATE units SET code = 'DV' || NEW.id WHERE id = NEW.id;
END;
