-- Canonical entities, their mentions and coded events. Entities and aliases are append-only: an
-- entity_id, once made, is never renamed or split; mentions and events are replaced with their article.

create table entities (
    entity_id      varchar primary key,
    name           varchar not null,        -- the name it was first seen under; never renamed
    entity_type    varchar not null,        -- person | organization | country | place | group
    country_code   varchar,                 -- ISO 3166-1 alpha-2 where the entity is or stands for a country
    country_role   varchar,                 -- self | capital | institution | located_in
    first_seen_run bigint not null,
    created_at     timestamptz not null
);

create table entity_aliases (
    entity_id      varchar not null,
    alias          varchar not null,        -- a surface form as first seen
    alias_key      varchar not null,        -- the form resolution matches on (case, dots, spacing folded)
    first_seen_run bigint not null,
    primary key (entity_id, alias_key)
);

create table entity_mentions (
    mention_id     varchar primary key,
    article_id     varchar not null,
    entity_id      varchar not null,
    mention_type   varchar not null,        -- person | organization | country | nationality | place | group
    text           varchar not null,        -- body[start_char:end_char]
    sentence_index integer not null,
    start_char     integer not null,
    end_char       integer not null,
    run_id         bigint not null
);

-- The published CAMEO event codes (refreshed from flows/wirehouse/data/cameo_codes.csv every run).
create table cameo_codes (
    cameo_code varchar primary key,
    name       varchar not null,
    cameo_root varchar not null,
    quad_class tinyint not null,            -- 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    goldstein  double not null
);

create table events (
    event_id            varchar primary key,
    article_id          varchar not null,
    sentence_index      integer not null,
    actor1_entity_id    varchar not null,
    actor1_role         varchar,            -- how actor1 stands for a country: self | nationality | capital | institution
    actor1_country_code varchar,
    actor2_entity_id    varchar,
    actor2_role         varchar,
    actor2_country_code varchar,
    action              varchar not null,   -- the verb lemma
    cameo_code          varchar not null,
    cameo_root          varchar not null,
    quad_class          tinyint not null,
    goldstein           double not null,
    event_date          date,
    date_precision      varchar,            -- day | week | month | year
    date_text           varchar,            -- the date expression the date was resolved from
    is_negated          boolean not null,
    is_hypothetical     boolean not null,
    evidence            varchar not null,   -- the sentence
    start_char          integer not null,   -- the sentence's span in the article body
    end_char            integer not null,
    run_id              bigint not null
);
