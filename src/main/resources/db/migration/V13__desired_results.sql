-- The result the customer of an issue is after (/happy3 result, or a customer's own sentence offered as a
-- suggestion): one row per issue. body is text: for a suggestion, the customer's sentence (docs/privacy.md).
create table desired_results (
    issue_id             varchar(512) primary key,
    tenant               varchar(128) not null,
    body                 varchar(1000) not null,
    by_date              date,
    status               varchar(16)  not null,
    recorded_by_platform varchar(16),
    recorded_by_tenant   varchar(128),
    recorded_by_id       varchar(256),
    recorded_at          timestamp with time zone not null
);
create index desired_results_tenant on desired_results (tenant, status, recorded_at);
