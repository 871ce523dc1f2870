-- What agents did with their weekly check-in list (issue 14, point 3): checked in (a button or a new thread
-- mentioning the customer), snoozed, not needed. Ids and timestamps only, no message text.
create table check_ins (
    id                varchar(512) primary key,
    tenant            varchar(128) not null,
    agent_platform    varchar(16)  not null,
    agent_tenant      varchar(128) not null,
    agent_id          varchar(256) not null,
    customer_platform varchar(16)  not null,
    customer_tenant   varchar(128) not null,
    customer_id       varchar(256) not null,
    kind              varchar(16)  not null,
    via               varchar(16)  not null,
    recorded_at       timestamp with time zone not null
);
create index check_ins_tenant on check_ins (tenant, recorded_at);
