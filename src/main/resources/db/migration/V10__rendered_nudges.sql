-- Each nudge as rendered for delivery (text and actions), so the Slack App Home shows the same text after a
-- restart and on every replica (issue 13). One row per nudge, replaced when the nudge is rendered again.
create table rendered_nudges (
    nudge_id           varchar(64)  not null primary key,
    recipient_platform varchar(16)  not null,
    recipient_tenant   varchar(128) not null,
    recipient_user     varchar(128) not null,
    channel_id         varchar(128) not null,
    thread_root        varchar(64)  not null,
    step_id            varchar(128) not null,
    text               varchar      not null,
    actions            varchar(1024) not null,
    late               boolean      not null
);
