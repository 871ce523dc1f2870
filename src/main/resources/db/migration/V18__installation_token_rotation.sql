-- Slack token rotation (issue 13): the refresh token (encrypted like the bot token) and when the bot token
-- expires; both null for tokens that do not expire.
alter table installations add column refresh_token varchar(1024);
alter table installations add column token_expires_at timestamp with time zone;
