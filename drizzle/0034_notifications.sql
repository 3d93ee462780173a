CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` integer NOT NULL,
	`kind` text NOT NULL,
	`initiative_id` integer,
	`badge_award_id` integer,
	`reason` text,
	`created_at` integer NOT NULL,
	`read_at` integer,
	`emailed_at` integer,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`initiative_id`) REFERENCES `initiatives`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`badge_award_id`) REFERENCES `badge_awards`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `notifications_person_idx` ON `notifications` (`person_id`,`read_at`);--> statement-breakpoint
ALTER TABLE `people` ADD `email_notices` integer DEFAULT true NOT NULL;