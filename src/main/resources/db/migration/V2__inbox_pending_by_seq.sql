-- Pending inbox entries in sequence order: the embedded-H2 claim walks them page by page (JdbcInboxStore).
create index inbox_status_seq on inbox (status, seq);
