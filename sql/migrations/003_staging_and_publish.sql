-- Publishing gate. Each batch commits its rows to stage_* tables (so a killed run keeps its finished
-- batches); users query the published tables, which change only when a run's validation passes and
-- the stage is published in one transaction. After a critical failure the stage is kept, the published
-- tables keep the previous good state, and the next run validates and publishes stage and all.

create table stage_articles as select * from articles limit 0;
create table stage_entity_mentions as select * from entity_mentions limit 0;
create table stage_events as select * from events limit 0;
create table stage_entities as select * from entities limit 0;
create table stage_entity_aliases as select * from entity_aliases limit 0;

-- Articles whose published rows (article, mentions, events) the stage replaces or removes.
create table stage_replaced (
    article_id  varchar primary key,
    source_path varchar not null,
    run_id      bigint not null
);

alter table runs add column published boolean default false;

-- What the warehouse would be if the stage were published now: what validation checks.
create view candidate_articles as
    select * from articles where article_id not in (select article_id from stage_replaced)
    union all select * from stage_articles;
create view candidate_entity_mentions as
    select * from entity_mentions where article_id not in (select article_id from stage_replaced)
    union all select * from stage_entity_mentions;
create view candidate_events as
    select * from events where article_id not in (select article_id from stage_replaced)
    union all select * from stage_events;
create view candidate_entities as
    select * from entities union all select * from stage_entities;
create view candidate_entity_aliases as
    select * from entity_aliases union all select * from stage_entity_aliases;
