-- One row per canonical entity: its names, how often and where it is mentioned, when it was seen.
with entities as (
    select entity_id, name, entity_type, country_code, country_role from entities
),

aliases as (
    select entity_id, list(alias order by alias) as aliases
    from entity_aliases
    group by entity_id
),

mentions as (
    select
        m.entity_id,
        count(*) as mentions,
        count(distinct m.article_id) as articles,
        -- an article without a stated date counts from the day it was ingested
        min(coalesce(a.published_date, cast(a.ingested_at as date))) as first_seen,
        max(coalesce(a.published_date, cast(a.ingested_at as date))) as last_seen
    from entity_mentions as m
    inner join articles as a using (article_id)
    group by m.entity_id
),

final as (
    select
        entities.entity_id,
        entities.name,
        entities.entity_type,
        entities.country_code,
        entities.country_role,
        coalesce(aliases.aliases, []) as aliases,
        coalesce(mentions.mentions, 0) as mentions,
        coalesce(mentions.articles, 0) as articles,
        mentions.first_seen,
        mentions.last_seen
    from entities
    left join aliases using (entity_id)
    left join mentions using (entity_id)
)

select * from final
