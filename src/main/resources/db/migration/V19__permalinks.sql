-- Each message's link as the platform gave it (Slack: chat.getPermalink), asked once per message and kept, so a
-- nudge to an issue never costs a Web API call after the issue's first transition, on any replica (issue 17).
create table permalinks (
    platform   varchar(16)   not null,
    tenant     varchar(128)  not null,
    channel    varchar(128)  not null,
    message_id varchar(64)   not null,
    url        varchar(2048) not null,
    primary key (platform, tenant, channel, message_id)
);
