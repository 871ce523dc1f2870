-- /review and the weekly digest fold per-issue, per-week tallies (review_tallies) instead of reading a fortnight of
-- histories per command. review_weeks names the weeks kept, with the playbooks they were computed under and the
-- cutoff they hold at, and a revision that changes with every write to the week's tallies (a process may keep
-- what it folded from them while the revision stands). issues.review_from is the earliest event time a save added since the issue's tallies were
-- last brought up to date (null: up to date): set by the issue's own insert or update, so no extra statement.
alter table issues add column review_from timestamp with time zone;
create index issues_review_from on issues (tenant, review_from);

create table review_weeks (
    tenant      varchar(128) not null,
    zone        varchar(64)  not null,
    week_start  timestamp with time zone not null,
    fingerprint varchar(64)  not null,
    cutoff      timestamp with time zone not null,
    revision    bigint       not null,
    primary key (tenant, zone, week_start)
);

create table review_tallies (
    tenant               varchar(128) not null,
    zone                 varchar(64)  not null,
    week_start           timestamp with time zone not null,
    issue_id             varchar(512) not null,
    opened_at            timestamp with time zone not null,
    platform             varchar(16)  not null,
    channel_tenant       varchar(128) not null,
    channel              varchar(256) not null,
    agent_platform       varchar(16),
    agent_tenant         varchar(128),
    agent_id             varchar(256),
    first_response_nanos bigint,
    valid_until          timestamp with time zone,
    counts               varchar(256) not null,
    steps                varchar(4000),
    primary key (tenant, zone, week_start, issue_id)
);
create index review_tallies_in_order on review_tallies (tenant, zone, week_start, opened_at, issue_id);
