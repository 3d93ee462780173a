CREATE TABLE `participation_claims` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`initiative_id` integer,
	`person_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`title` text,
	`started_on` text,
	`note` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`created_at` integer NOT NULL,
	`decided_by` integer,
	`decided_at` integer,
	`reason` text,
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `participation_claims_once` ON `participation_claims` (`initiative_id`,`person_id`);--> statement-breakpoint
CREATE INDEX `participation_claims_pending` ON `participation_claims` (`initiative_id`,`status`);--> statement-breakpoint
CREATE INDEX `participation_claims_unit` ON `participation_claims` (`unit_id`,`status`);--> statement-breakpoint
ALTER TABLE `notifications` ADD `subject` text;