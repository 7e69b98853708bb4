CREATE TABLE `credit_repair_applications` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`uscc` char(18) NOT NULL,
	`record_id` varchar(100) NOT NULL,
	`department` varchar(32) NOT NULL,
	`reason` text NOT NULL,
	`applied_at` datetime(3) NOT NULL,
	`status` enum('PENDING','APPROVED','REJECTED') NOT NULL,
	`decided_at` datetime(3),
	`decided_by` varchar(100),
	`decision_reason` text,
	CONSTRAINT `credit_repair_applications_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `objections` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`uscc` char(18) NOT NULL,
	`record_id` varchar(100) NOT NULL,
	`department` varchar(32) NOT NULL,
	`reason` text NOT NULL,
	`filed_at` datetime(3) NOT NULL,
	`filer_kind` enum('INSTITUTION','GOVERNMENT','SUBJECT') NOT NULL,
	`filed_by` varchar(100) NOT NULL,
	`due_on` date NOT NULL,
	`status` enum('UNDER_REVIEW','CORRECTED','REVOKED','REJECTED') NOT NULL,
	`decided_at` datetime(3),
	`decided_by` varchar(100),
	`decision_reason` text,
	`correction_note` varchar(500),
	CONSTRAINT `objections_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE INDEX `credit_repair_applications_uscc` ON `credit_repair_applications` (`uscc`);--> statement-breakpoint
CREATE INDEX `credit_repair_applications_record` ON `credit_repair_applications` (`record_id`);--> statement-breakpoint
CREATE INDEX `credit_repair_applications_department_status` ON `credit_repair_applications` (`department`,`status`);--> statement-breakpoint
CREATE INDEX `objections_uscc` ON `objections` (`uscc`);--> statement-breakpoint
CREATE INDEX `objections_record` ON `objections` (`record_id`);--> statement-breakpoint
CREATE INDEX `objections_status_due` ON `objections` (`status`,`due_on`);