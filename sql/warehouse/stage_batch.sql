-- Stage what one batch of files produces now, replacing what they staged before (one transaction).
-- Every file of the batch replaces its path's article (edited, re-derived, quarantined, removed or
-- become a duplicate); an article, its mentions and its events are staged together.
delete from stage_entity_mentions where article_id in (select article_id from batch_files);
delete from stage_events where article_id in (select article_id from batch_files);
delete from stage_articles where article_id in (select article_id from batch_files);
delete from quarantine where source_path in (select source_path from batch_files);
insert into stage_replaced (article_id, source_path, run_id)
select article_id, source_path, $run_id from batch_files
where article_id not in (select article_id from stage_replaced);
insert into stage_articles by name
select *, $now::timestamptz as ingested_at, $run_id as run_id from batch_articles;
insert into quarantine by name
select *, $run_id as run_id, $now::timestamptz as quarantined_at from batch_quarantine;
-- Entities are kept, never deleted; a batch adds new ones and corrects the type or name of known ones.
insert or replace into stage_entities by name
select b.*, coalesce(known.first_seen_run, $run_id) as first_seen_run,
       coalesce(known.created_at, $now::timestamptz) as created_at
from batch_entities as b
left join candidate_entities as known using (entity_id);
insert into stage_entity_aliases by name
select *, $run_id as first_seen_run from batch_aliases
where (entity_id, alias_key) not in (select (entity_id, alias_key) from candidate_entity_aliases);
insert into stage_entity_merges by name
select *, $run_id as run_id from batch_merges
where entity_id not in (select entity_id from candidate_entity_merges);
insert into stage_entity_mentions by name
select * exclude (mention_index), $run_id as run_id from batch_mentions;
insert into stage_events by name
select *, $run_id as run_id from batch_events;
insert or replace into files (
    source_path, size_bytes, mtime_ns, content_sha256, status, article_id, duplicate_of,
    first_seen_run, last_changed_run, removed_run, rules_version
)
select
    b.source_path, b.size_bytes, b.mtime_ns, b.content_sha256, b.status,
    case when b.status = 'article' then b.article_id end,
    b.duplicate_of, b.first_seen_run,
    case when b.change in ('new', 'changed') or f.last_changed_run is null then $run_id
         else f.last_changed_run end,
    case when b.status = 'removed' then $run_id end,
    b.rules_version
from batch_files as b
left join files as f using (source_path);
