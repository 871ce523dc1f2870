-- Optimistic concurrency for issues: a save applies only while the stored version is the one it read.
alter table issues add column version bigint default 0 not null;
