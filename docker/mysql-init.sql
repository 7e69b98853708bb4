-- One database per department, as in production: each subgraph owns its data.
CREATE DATABASE IF NOT EXISTS credit_market CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS credit_tax CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS credit_courts CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS credit_environment CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS credit_platform CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
GRANT ALL PRIVILEGES ON credit_market.* TO 'credit'@'%';
GRANT ALL PRIVILEGES ON credit_tax.* TO 'credit'@'%';
GRANT ALL PRIVILEGES ON credit_courts.* TO 'credit'@'%';
GRANT ALL PRIVILEGES ON credit_environment.* TO 'credit'@'%';
GRANT ALL PRIVILEGES ON credit_platform.* TO 'credit'@'%';
