-- Notes agents keep on a customer (/happy3 note): explicit text an agent typed as a note, never message text.
-- tenant is the workspace/tenant whose agents may read it; kept until deleted, or HAPPY3_NOTE_RETENTION_DAYS.
create table customer_notes (
    id                varchar(64)   not null,
    tenant            varchar(128)  not null,
    customer_platform varchar(16)   not null,
    customer_tenant   varchar(128)  not null,
    customer_id       varchar(256)  not null,
    author_platform   varchar(16)   not null,
    author_tenant     varchar(128)  not null,
    author_id         varchar(256)  not null,
    body              varchar(2000) not null,
    created_at        timestamp with time zone not null,
    updated_at        timestamp with time zone not null,
    primary key (tenant, id)
);
create index customer_notes_customer on customer_notes (customer_id, customer_tenant, updated_at);
create index customer_notes_updated on customer_notes (updated_at);
