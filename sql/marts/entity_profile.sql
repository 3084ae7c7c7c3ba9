-- One row per canonical entity: its names, how often and where it is mentioned, when it was seen.
with entities as (
    select * from stg_entities
),

canonical as (
    select * from entities where entity_id = canonical_id
),

aliases as (
    select entities.canonical_id as entity_id, list(distinct aliases.alias order by aliases.alias) as aliases
    from entity_aliases as aliases
    inner join entities using (entity_id)
    group by entities.canonical_id
),

mentions as (
    select
        mentions.entity_id,
        count(*) as mentions,
        count(distinct mentions.article_id) as articles,
        -- an article without a stated date counts from the day it was ingested
        min(coalesce(articles.published_date, articles.ingested_date)) as first_seen,
        max(coalesce(articles.published_date, articles.ingested_date)) as last_seen
    from stg_entity_mentions as mentions
    inner join stg_articles as articles using (article_id)
    group by mentions.entity_id
),

final as (
    select
        canonical.entity_id,
        canonical.name,
        canonical.entity_type,
        canonical.country_code,
        canonical.country_role,
        coalesce(aliases.aliases, []) as aliases,
        coalesce(mentions.mentions, 0) as mentions,
        coalesce(mentions.articles, 0) as articles,
        mentions.first_seen,
        mentions.last_seen
    from canonical
    left join aliases using (entity_id)
    left join mentions using (entity_id)
)

select * from final;

comment on view entity_profile is 'One row per canonical entity: its names, how often and where it is mentioned, when it was seen.';
comment on column entity_profile.entity_id is 'The canonical entity (merged entities are folded into it).';
comment on column entity_profile.name is 'Its canonical name.';
comment on column entity_profile.entity_type is 'person, organization, country, place or group.';
comment on column entity_profile.country_code is 'ISO 3166-1 alpha-2 of the country it is or stands for.';
comment on column entity_profile.country_role is 'self, capital, institution, located_in or nationality.';
comment on column entity_profile.aliases is 'Every surface form it (or an entity merged into it) was seen under, sorted.';
comment on column entity_profile.mentions is 'Mentions in published articles.';
comment on column entity_profile.articles is 'Published articles that mention it.';
comment on column entity_profile.first_seen is 'Earliest date of an article mentioning it (published date, else ingestion day).';
comment on column entity_profile.last_seen is 'Latest such date.';
