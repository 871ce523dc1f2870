-- How many history rows an issue has (null for rows written before this column): a save checks it and then
-- appends only the new events, instead of deleting and rewriting the whole history on every event.
alter table issues add column event_count integer;
