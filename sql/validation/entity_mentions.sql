-- The mentions this run changes, as they would be published: each offset pair must index its field
-- (title or body) exactly, and its id must be unique among every mention as published.
with changed as (
    select * from stage_entity_mentions
),

repeated_ids as (
    select mention_id from candidate_entity_mentions group by mention_id having count(*) > 1
),

articles as (
    select article_id, title, body from candidate_articles
    where article_id in (select article_id from changed)
),

entities as (
    select entity_id from candidate_entities
),

located as (
    select
        changed.*,
        articles.article_id is not null as article_exists,
        case when changed.field = 'title' then articles.title else articles.body end as field_text
    from changed
    left join articles using (article_id)
),

final as (
    select
        located.* exclude (field_text),
        located.mention_id not in (select mention_id from repeated_ids) as mention_id_unique,
        entities.entity_id is not null as entity_exists,
        located.start_char >= 0
            and located.start_char < located.end_char
            and located.end_char <= coalesce(length(located.field_text), -1) as offsets_in_body,
        -- DuckDB's substring counts characters from 1, Python's offsets count them from 0
        coalesce(substring(located.field_text, located.start_char + 1, located.end_char - located.start_char)
                 = located.text, false) as text_matches_body
    from located
    left join entities using (entity_id)
)

select * from final
