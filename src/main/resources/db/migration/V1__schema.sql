-- Happy3 schema. Runs unchanged on H2 (MODE=PostgreSQL, DATABASE_TO_LOWER) and PostgreSQL:
-- plain types only, no partial indexes, no vendor functions. Times are UTC instants.
-- No table holds customer message text except inbox.payload, which is dropped once processed.

create table issues (
    id                varchar(512) primary key,
    platform          varchar(16)  not null,
    tenant            varchar(128) not null,
    channel           varchar(256) not null,
    root_message_id   varchar(256) not null,
    customer_platform varchar(16)  not null,
    customer_tenant   varchar(128) not null,
    customer_id       varchar(256) not null,
    playbook_id       varchar(128) not null,
    state             varchar(32)  not null,
    opened_at         timestamp with time zone not null,
    last_activity_at  timestamp with time zone not null,
    agent_platform    varchar(16),
    agent_tenant      varchar(128),
    agent_id          varchar(256)
);
create index issues_channel_root on issues (platform, tenant, channel, root_message_id);
create index issues_customer on issues (platform, tenant, channel, customer_id, opened_at);
create index issues_tenant_activity on issues (tenant, last_activity_at);
create index issues_state on issues (state);

create table issue_events (
    issue_id       varchar(512) not null references issues (id) on delete cascade,
    seq            integer      not null,
    event_type     varchar(32)  not null,
    occurred_at    timestamp with time zone not null,
    actor_platform varchar(16),
    actor_tenant   varchar(128),
    actor_id       varchar(256),
    message_id     varchar(256),
    rule_name      varchar(512) not null,
    evidence       varchar(32),
    due_at         timestamp with time zone,
    primary key (issue_id, seq)
);
create index issue_events_message on issue_events (message_id);

create table nudges (
    id                 varchar(64)   primary key,
    idempotency_key    varchar(1024) not null,
    issue_id           varchar(512)  not null,
    platform           varchar(16)   not null,
    tenant             varchar(128)  not null,
    channel            varchar(256)  not null,
    playbook_id        varchar(128)  not null,
    step_id            varchar(128)  not null,
    recipient_platform varchar(16)   not null,
    recipient_tenant   varchar(128)  not null,
    recipient_id       varchar(256)  not null,
    triggered_at       timestamp with time zone not null,
    due_at             timestamp with time zone not null,
    expires_at         timestamp with time zone not null,
    repeat_count       integer       not null,
    status             varchar(32)   not null,
    attempts           integer       not null,
    late               boolean       not null,
    sent_at            timestamp with time zone,
    chosen_action      varchar(128),
    failure            varchar(2000),
    snoozes            integer       not null,
    created_at         timestamp with time zone not null,
    lease_owner        varchar(256),
    lease_until        timestamp with time zone,
    constraint nudges_idempotency_key_unique unique (idempotency_key)
);
create index nudges_status_due on nudges (status, due_at);
create index nudges_issue on nudges (issue_id);
create index nudges_recipient on nudges (recipient_id, recipient_tenant, status);
create index nudges_tenant_due on nudges (tenant, due_at);

create table channel_settings (
    platform      varchar(16)  not null,
    tenant        varchar(128) not null,
    channel       varchar(256) not null,
    followed      boolean      not null,
    playbook_id   varchar(128) not null,
    agents        varchar      not null,
    agent_groups  varchar      not null,
    leads         varchar      not null,
    channel_name  varchar(256),
    primary key (platform, tenant, channel)
);
create index channel_settings_followed on channel_settings (followed, tenant);

create table agent_preferences (
    platform     varchar(16)  not null,
    tenant       varchar(128) not null,
    user_id      varchar(256) not null,
    display_name varchar(256) not null,
    zone         varchar(64),
    muted_until  timestamp with time zone,
    primary key (platform, tenant, user_id)
);

create table proud_moments (
    id                    varchar(256) primary key,
    tenant                varchar(128) not null,
    channel_platform      varchar(16),
    channel_tenant        varchar(128),
    channel_id            varchar(256),
    issue_id              varchar(512),
    about_platform        varchar(16),
    about_tenant          varchar(128),
    about_id              varchar(256),
    nominated_by_platform varchar(16),
    nominated_by_tenant   varchar(128),
    nominated_by_id       varchar(256),
    source                varchar(32)  not null,
    summary               varchar      not null,
    link                  varchar(2048),
    occurred_at           timestamp with time zone not null,
    decision              varchar(16)  not null,
    note                  varchar
);
create index proud_moments_tenant_at on proud_moments (tenant, occurred_at);

create table inbox (
    seq          bigint generated by default as identity primary key,
    platform     varchar(16)  not null,
    event_id     varchar(256) not null,
    tenant       varchar(128) not null,
    ordering_key varchar(512) not null,
    kind         varchar(64)  not null,
    payload      varchar,
    received_at  timestamp with time zone not null,
    attempts     integer      not null,
    status       varchar(16)  not null,
    error        varchar(2000),
    available_at timestamp with time zone not null,
    lease_owner  varchar(256),
    lease_until  timestamp with time zone,
    done_at      timestamp with time zone,
    constraint inbox_event_unique unique (platform, event_id)
);
create index inbox_status_key_seq on inbox (status, ordering_key, seq);
create index inbox_status_done on inbox (status, done_at);

create table installations (
    platform     varchar(16)  not null,
    tenant       varchar(128) not null,
    bot_user_id  varchar(256),
    bot_token    varchar(1024),
    details      varchar      not null,
    installed_at timestamp with time zone not null,
    primary key (platform, tenant)
);

create table conversation_addresses (
    platform     varchar(16)  not null,
    tenant       varchar(128) not null,
    address_key  varchar(512) not null,
    address_json varchar      not null,
    primary key (platform, tenant, address_key)
);

-- Weekly digests, proud prompts and other rituals: one row per (tenant, ritual, period) sent.
create table rituals_sent (
    tenant  varchar(128) not null,
    ritual  varchar(64)  not null,
    period  varchar(64)  not null,
    sent_at timestamp with time zone not null,
    primary key (tenant, ritual, period)
);
