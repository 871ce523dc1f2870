-- The scheduler counts each recipient's nudges sent today (the daily cap) before every delivery. Through
-- nudges_recipient that read every nudge the agent ever had (5,000 each at a million nudges and 200 agents);
-- this index reads only the day's sends (issue 17 point 4, BENCHMARKS.md).
create index nudges_sent_by_recipient on nudges (recipient_id, recipient_tenant, sent_at);
