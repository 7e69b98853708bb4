CREATE TABLE `credit_commitments` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`uscc` char(18) NOT NULL,
	`kind` enum('APPROVAL_SUBSTITUTE','CERTIFICATION_WAIVER','DEFERRED_DOCUMENTS','CREDIT_REPAIR','INDUSTRY_SELF_DISCIPLINE','VOLUNTARY') NOT NULL,
	`content` text NOT NULL,
	`department` varchar(100) NOT NULL,
	`made_on` date NOT NULL,
	`due_on` date NOT NULL,
	`form` enum('ONLINE','PAPER') NOT NULL,
	`evidence_reference` varchar(200),
	`recorded_by` varchar(100),
	`outcome` enum('PENDING','KEPT','BROKEN') NOT NULL,
	`outcome_reason` text,
	`decided_on` date,
	`decided_by` varchar(100),
	`created_at` datetime(3) NOT NULL,
	CONSTRAINT `credit_commitments_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE INDEX `credit_commitments_uscc` ON `credit_commitments` (`uscc`);--> statement-breakpoint
CREATE INDEX `credit_commitments_outcome_due` ON `credit_commitments` (`outcome`,`due_on`);