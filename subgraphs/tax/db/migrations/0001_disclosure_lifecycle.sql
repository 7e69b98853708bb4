CREATE TABLE `record_status` (
	`record_id` varchar(100) NOT NULL,
	`uscc` char(18) NOT NULL,
	`disputed_since` date,
	`objection_id` varchar(64),
	`corrected_on` date,
	`correction_note` varchar(500),
	`revoked_on` date,
	`repaired_on` date,
	`repair_id` varchar(64),
	`updated_at` datetime(3) NOT NULL,
	CONSTRAINT `record_status_record_id` PRIMARY KEY(`record_id`)
);
--> statement-breakpoint
CREATE INDEX `record_status_uscc` ON `record_status` (`uscc`);