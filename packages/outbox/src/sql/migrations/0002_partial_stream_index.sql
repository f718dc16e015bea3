-- 0002: the (stream_id, stream_version) uniqueness only concerns event-sourced rows. As a partial unique index
-- it no longer gets an entry for every plain outbox event, which saves one index insertion per publish().
alter table ${schema}.events drop constraint events_stream_version_key;
create unique index events_stream_version_key on ${schema}.events (stream_id, stream_version)
  where stream_id is not null;
