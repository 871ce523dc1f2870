-- The weekly digest and a channel's /review read one channel's issues active in a window: found by channel and
-- last activity, not by reading every channel of the tenant (bench/: the review over a year).
create index issues_channel_activity on issues (platform, tenant, channel, last_activity_at);
