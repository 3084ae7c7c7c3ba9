-- Reprocessing, richer articles, mentions and events, entity merges, per-stage timings, and stage tables
-- with the same keys and constraints as the tables they are published into.

-- Which rules (package, reference data, suites, spaCy model, dictionaries) derived a file's rows: a run
-- with other rules derives them again.
alter table files add column rules_version varchar;
alter table articles add column extractor varchar;
alter table articles add column url varchar;
alter table articles add column rules_version varchar;
alter table runs add column files_rederived integer not null default 0;
alter table runs add column rules_version varchar;
alter table runs add column reprocess boolean not null default false;

-- The article field a mention's or an event's offsets index: the headline names actors too.
alter table entity_mentions add column field varchar not null default 'body';
alter table events add column field varchar not null default 'body';

-- Actors are noun phrases with CAMEO actor codes, not only named entities.
alter table events alter column actor1_entity_id drop not null;
alter table events add column actor1_text varchar;
alter table events add column actor1_code varchar;
alter table events add column actor2_text varchar;
alter table events add column actor2_code varchar;
-- Where it happened (GDELT's ActionGeo).
alter table events add column action_geo_name varchar;
alter table events add column action_geo_country_code varchar;
alter table events add column action_geo_lat double;
alter table events add column action_geo_lon double;

-- Two entities found to be one: history is kept, readers follow merged_into.
create table entity_merges (
    entity_id   varchar primary key,
    merged_into varchar not null,
    reason      varchar not null,
    run_id      bigint not null
);

-- Wall time of each stage of each run.
create table run_stages (
    run_id  bigint not null,
    stage   varchar not null,
    seconds double not null,
    items   bigint,
    primary key (run_id, stage)
);

-- The stage: real DDL (keys and NOT NULL as published), replacing the `as select … limit 0` copies.
drop view candidate_articles;
drop view candidate_entity_mentions;
drop view candidate_events;
drop view candidate_entities;
drop view candidate_entity_aliases;
drop table stage_articles;
drop table stage_entity_mentions;
drop table stage_events;
drop table stage_entities;
drop table stage_entity_aliases;

create table stage_articles (
    article_id     varchar primary key,
    source_path    varchar not null unique,
    content_sha256 varchar not null,
    title          varchar,
    title_source   varchar,
    author         varchar,
    published_date date,
    outlet         varchar,
    dateline       varchar,
    body           varchar not null,
    word_count     integer not null,
    language       varchar not null,
    encoding       varchar not null,
    ingested_at    timestamptz not null,
    run_id         bigint not null,
    extractor      varchar,
    url            varchar,
    rules_version  varchar
);

create table stage_entity_mentions (
    mention_id     varchar primary key,
    article_id     varchar not null,
    entity_id      varchar not null,
    mention_type   varchar not null,
    text           varchar not null,
    sentence_index integer not null,
    start_char     integer not null,
    end_char       integer not null,
    run_id         bigint not null,
    field          varchar not null default 'body'
);

create table stage_events (
    event_id                varchar primary key,
    article_id              varchar not null,
    sentence_index          integer not null,
    actor1_entity_id        varchar,
    actor1_role             varchar,
    actor1_country_code     varchar,
    actor2_entity_id        varchar,
    actor2_role             varchar,
    actor2_country_code     varchar,
    action                  varchar not null,
    cameo_code              varchar not null,
    cameo_root              varchar not null,
    quad_class              tinyint not null,
    goldstein               double not null,
    event_date              date,
    date_precision          varchar,
    date_text               varchar,
    is_negated              boolean not null,
    is_hypothetical         boolean not null,
    evidence                varchar not null,
    start_char              integer not null,
    end_char                integer not null,
    run_id                  bigint not null,
    field                   varchar not null default 'body',
    actor1_text             varchar,
    actor1_code             varchar,
    actor2_text             varchar,
    actor2_code             varchar,
    action_geo_name         varchar,
    action_geo_country_code varchar,
    action_geo_lat          double,
    action_geo_lon          double
);

create table stage_entities (
    entity_id      varchar primary key,
    name           varchar not null,
    entity_type    varchar not null,
    country_code   varchar,
    country_role   varchar,
    first_seen_run bigint not null,
    created_at     timestamptz not null
);

create table stage_entity_aliases (
    entity_id      varchar not null,
    alias          varchar not null,
    alias_key      varchar not null,
    first_seen_run bigint not null,
    primary key (entity_id, alias_key)
);

create table stage_entity_merges (
    entity_id   varchar primary key,
    merged_into varchar not null,
    reason      varchar not null,
    run_id      bigint not null
);

-- The CAMEO codes of the rules this run codes with; published together with the events they code.
create table stage_cameo_codes (
    cameo_code varchar primary key,
    name       varchar not null,
    cameo_root varchar not null,
    quad_class tinyint not null,
    goldstein  double not null
);

-- What the warehouse would be if the stage were published now: what validation checks. By name, so
-- column order never matters.
create view candidate_articles as
    select * from articles where article_id not in (select article_id from stage_replaced)
    union all by name select * from stage_articles;
create view candidate_entity_mentions as
    select * from entity_mentions where article_id not in (select article_id from stage_replaced)
    union all by name select * from stage_entity_mentions;
create view candidate_events as
    select * from events where article_id not in (select article_id from stage_replaced)
    union all by name select * from stage_events;
create view candidate_entities as
    select * from entities where entity_id not in (select entity_id from stage_entities)
    union all by name select * from stage_entities;
create view candidate_entity_aliases as
    select * from entity_aliases union all by name select * from stage_entity_aliases;
create view candidate_entity_merges as
    select * from entity_merges union all by name select * from stage_entity_merges;
-- Before a run stages its codes (or after a publish emptied the stage) the published codes stand.
create view candidate_cameo_codes as
    select * from stage_cameo_codes
    union all by name
    select * from cameo_codes where not exists (select 1 from stage_cameo_codes);

comment on column files.rules_version is 'Fingerprint of the rules that derived this file''s rows; other rules re-derive them.';
comment on column articles.extractor is 'What produced the article: text (flattened page rules) or trafilatura (HTML).';
comment on column articles.url is 'The page''s canonical URL, when the input carries one (HTML).';
comment on column articles.rules_version is 'Fingerprint of the rules (code, reference data, suites, model) that derived this article and its rows.';
comment on column runs.files_rederived is 'Unchanged files whose rows were derived again because the rules changed (or --reprocess).';
comment on column runs.rules_version is 'Fingerprint of the rules this run derived rows with.';
comment on column runs.reprocess is 'Whether the run was asked to re-derive every article (--reprocess).';
comment on column entity_mentions.field is 'The article field the offsets index: title or body.';
comment on column events.field is 'The article field the evidence offsets index: title or body.';
comment on column events.actor1_text is 'The source actor as written (a name or a noun phrase such as "Russian officials").';
comment on column events.actor1_code is 'CAMEO actor code of the source actor: country plus agent, e.g. RUSGOV, USAMIL.';
comment on column events.actor2_text is 'The target actor as written.';
comment on column events.actor2_code is 'CAMEO actor code of the target actor.';
comment on column events.action_geo_name is 'Where the event happened: the place the sentence locates it in.';
comment on column events.action_geo_country_code is 'ISO 3166-1 alpha-2 of the country it happened in.';
comment on column events.action_geo_lat is 'Latitude of the place (cities, from the gazetteer).';
comment on column events.action_geo_lon is 'Longitude of the place.';
comment on table entity_merges is 'Entities found to be one: entity_id now reads as merged_into (ids are never rewritten).';
comment on column entity_merges.entity_id is 'The entity merged away.';
comment on column entity_merges.merged_into is 'The entity it is one with.';
comment on column entity_merges.reason is 'The evidence: acronym, same normalised name, knowledge-base identity, …';
comment on column entity_merges.run_id is 'Run that found it.';
comment on table run_stages is 'Wall time of each stage of each run.';
comment on column run_stages.run_id is 'The run.';
comment on column run_stages.stage is 'discover, extract, normalise, annotate, resolve, code_events, load, validate, publish or report.';
comment on column run_stages.seconds is 'Wall seconds spent in the stage (summed over batches).';
comment on column run_stages.items is 'Files, articles or rows the stage handled.';
comment on column entities.name is 'The canonical name: the knowledge base''s, else the fullest form seen.';
comment on column entities.entity_type is 'person, organization, country, place or group: the majority type of its mentions.';
comment on table entities is 'Canonical entities: people, organisations, countries, places, groups. Ids never change; merges are recorded in entity_merges.';
comment on column entity_mentions.text is 'The surface form: title or body [start_char:end_char], per field.';
comment on column entity_mentions.start_char is 'Start offset in the field (characters, from 0).';
comment on column entity_mentions.end_char is 'End offset in the field (exclusive).';
comment on table entity_mentions is 'One row per mention of an entity in an article''s title or body.';
comment on column entity_mentions.mention_id is 'Stable id from the article, field and offsets.';
