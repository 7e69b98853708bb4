CREATE TABLE `demo_loads` (
	`seed` varchar(64) NOT NULL,
	`entities` int unsigned NOT NULL,
	`loaded_at` varchar(30) NOT NULL,
	CONSTRAINT `demo_loads_seed` PRIMARY KEY(`seed`)
);
--> statement-breakpoint
CREATE TABLE `tax_arrears` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`uscc` char(18) NOT NULL,
	`source_department` varchar(100) NOT NULL,
	`source_id` varchar(64) NOT NULL,
	`tax_type` varchar(50) NOT NULL,
	`amount_owed` decimal(18,2) NOT NULL,
	`current_arrears` decimal(18,2) NOT NULL,
	`period` varchar(20) NOT NULL,
	`announced_on` date NOT NULL,
	`settled_on` date,
	`authority` varchar(100) NOT NULL,
	CONSTRAINT `tax_arrears_id` PRIMARY KEY(`id`),
	CONSTRAINT `tax_arrears_source` UNIQUE(`source_department`,`source_id`)
);
--> statement-breakpoint
CREATE TABLE `tax_commitments` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`uscc` char(18) NOT NULL,
	`source_department` varchar(100) NOT NULL,
	`source_id` varchar(64) NOT NULL,
	`kind` enum('CERTIFICATION_WAIVER','DEFERRED_DOCUMENTS','CREDIT_REPAIR','VOLUNTARY') NOT NULL,
	`content` text NOT NULL,
	`authority` varchar(100) NOT NULL,
	`made_on` date NOT NULL,
	`due_on` date,
	`outcome` enum('PENDING','KEPT','BROKEN') NOT NULL,
	`verified_on` date,
	CONSTRAINT `tax_commitments_id` PRIMARY KEY(`id`),
	CONSTRAINT `tax_commitments_source` UNIQUE(`source_department`,`source_id`)
);
--> statement-breakpoint
CREATE TABLE `tax_filing_years` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`uscc` char(18) NOT NULL,
	`source_department` varchar(100) NOT NULL,
	`source_id` varchar(64) NOT NULL,
	`year` smallint NOT NULL,
	`filings_made` smallint NOT NULL,
	`on_time_filings` smallint NOT NULL,
	`tax_paid` decimal(18,2) NOT NULL,
	`late_payments` smallint NOT NULL,
	`late_fees` decimal(18,2) NOT NULL,
	`as_of` date NOT NULL,
	CONSTRAINT `tax_filing_years_id` PRIMARY KEY(`id`),
	CONSTRAINT `tax_filing_years_source` UNIQUE(`source_department`,`source_id`),
	CONSTRAINT `tax_filing_years_uscc_year` UNIQUE(`uscc`,`year`)
);
--> statement-breakpoint
CREATE TABLE `tax_ratings` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`uscc` char(18) NOT NULL,
	`source_department` varchar(100) NOT NULL,
	`source_id` varchar(64) NOT NULL,
	`year` smallint NOT NULL,
	`grade` enum('A','B','M','C','D') NOT NULL,
	`score` smallint,
	`evaluated_on` date NOT NULL,
	`authority` varchar(100) NOT NULL,
	CONSTRAINT `tax_ratings_id` PRIMARY KEY(`id`),
	CONSTRAINT `tax_ratings_source` UNIQUE(`source_department`,`source_id`),
	CONSTRAINT `tax_ratings_uscc_year` UNIQUE(`uscc`,`year`)
);
--> statement-breakpoint
CREATE TABLE `tax_violation_cases` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`uscc` char(18) NOT NULL,
	`source_department` varchar(100) NOT NULL,
	`source_id` varchar(64) NOT NULL,
	`case_number` varchar(64) NOT NULL,
	`kind` enum('EVASION','ARREARS_EVASION','FRAUD','REFUSAL','FALSE_INVOICES','FORGED_INVOICES','ABSCONDED','FACILITATION','OTHER') NOT NULL,
	`facts` text NOT NULL,
	`basis` varchar(300) NOT NULL,
	`amount_involved` decimal(18,2) NOT NULL,
	`handling` text NOT NULL,
	`fine_amount` decimal(18,2),
	`authority` varchar(100) NOT NULL,
	`listed_on` date NOT NULL,
	`removed_on` date,
	`removal_reason` varchar(300),
	CONSTRAINT `tax_violation_cases_id` PRIMARY KEY(`id`),
	CONSTRAINT `tax_violation_cases_source` UNIQUE(`source_department`,`source_id`)
);
--> statement-breakpoint
CREATE TABLE `tax_violation_persons` (
	`id` bigint unsigned AUTO_INCREMENT NOT NULL,
	`uscc` char(18) NOT NULL,
	`source_department` varchar(100) NOT NULL,
	`source_id` varchar(64) NOT NULL,
	`case_source_id` varchar(64) NOT NULL,
	`role` enum('LEGAL_REPRESENTATIVE','FINANCE_HEAD','INTERMEDIARY_AGENT') NOT NULL,
	`name` varchar(100) NOT NULL,
	`id_number` char(18),
	CONSTRAINT `tax_violation_persons_id` PRIMARY KEY(`id`),
	CONSTRAINT `tax_violation_persons_source` UNIQUE(`source_department`,`source_id`)
);
--> statement-breakpoint
CREATE INDEX `tax_arrears_uscc` ON `tax_arrears` (`uscc`);--> statement-breakpoint
CREATE INDEX `tax_commitments_uscc` ON `tax_commitments` (`uscc`);--> statement-breakpoint
CREATE INDEX `tax_violation_cases_uscc` ON `tax_violation_cases` (`uscc`);--> statement-breakpoint
CREATE INDEX `tax_violation_persons_uscc` ON `tax_violation_persons` (`uscc`);