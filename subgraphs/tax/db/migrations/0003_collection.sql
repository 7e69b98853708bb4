CREATE TABLE `collection_batches` (
	`batch_id` char(36) NOT NULL,
	`record_type` varchar(40) NOT NULL,
	`operation` enum('SUBMIT','WITHDRAW') NOT NULL,
	`channel` enum('API','FILE') NOT NULL,
	`submitted_by` varchar(100) NOT NULL,
	`request_id` varchar(80),
	`submitted_at` datetime(3) NOT NULL,
	`received` int NOT NULL,
	`accepted` int NOT NULL,
	`updated` int NOT NULL,
	`unchanged` int NOT NULL,
	`rejected` int NOT NULL,
	`withdrawn` int NOT NULL,
	`late` int NOT NULL,
	`rejected_by_rule` text NOT NULL,
	CONSTRAINT `collection_batches_batch_id` PRIMARY KEY(`batch_id`)
);
--> statement-breakpoint
CREATE TABLE `held_records` (
	`record_id` varchar(100) NOT NULL,
	`uscc` char(18) NOT NULL,
	`record_type` varchar(40) NOT NULL,
	`source_id` varchar(64) NOT NULL,
	`held_since` date NOT NULL,
	`batch_id` char(36) NOT NULL,
	CONSTRAINT `held_records_record_id` PRIMARY KEY(`record_id`)
);
--> statement-breakpoint
CREATE TABLE `record_revisions` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`record_id` varchar(100) NOT NULL,
	`uscc` char(18) NOT NULL,
	`revised_at` datetime(3) NOT NULL,
	`revised_by` varchar(100) NOT NULL,
	`batch_id` char(36) NOT NULL,
	`changed_fields` varchar(1000) NOT NULL,
	`previous_values` text NOT NULL,
	CONSTRAINT `record_revisions_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `tax_arrears` ADD `withdrawn_on` date;--> statement-breakpoint
ALTER TABLE `tax_arrears` ADD `withdrawal_reason` varchar(300);--> statement-breakpoint
ALTER TABLE `tax_commitments` ADD `withdrawn_on` date;--> statement-breakpoint
ALTER TABLE `tax_commitments` ADD `withdrawal_reason` varchar(300);--> statement-breakpoint
ALTER TABLE `tax_filing_years` ADD `withdrawn_on` date;--> statement-breakpoint
ALTER TABLE `tax_filing_years` ADD `withdrawal_reason` varchar(300);--> statement-breakpoint
ALTER TABLE `tax_ratings` ADD `withdrawn_on` date;--> statement-breakpoint
ALTER TABLE `tax_ratings` ADD `withdrawal_reason` varchar(300);--> statement-breakpoint
ALTER TABLE `tax_violation_cases` ADD `withdrawn_on` date;--> statement-breakpoint
ALTER TABLE `tax_violation_cases` ADD `withdrawal_reason` varchar(300);--> statement-breakpoint
CREATE INDEX `collection_batches_submitted_at` ON `collection_batches` (`submitted_at`);--> statement-breakpoint
CREATE INDEX `held_records_uscc` ON `held_records` (`uscc`);--> statement-breakpoint
CREATE INDEX `record_revisions_uscc` ON `record_revisions` (`uscc`);