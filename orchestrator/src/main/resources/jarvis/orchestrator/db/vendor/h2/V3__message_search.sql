-- Full-text search over messages with H2's own full-text index (H2 only; PostgreSQL gets its own migration).
CREATE ALIAS IF NOT EXISTS FT_INIT FOR 'org.h2.fulltext.FullText.init';
CALL FT_INIT();
CALL FT_CREATE_INDEX('PUBLIC', 'MESSAGES', 'CONTENT');
