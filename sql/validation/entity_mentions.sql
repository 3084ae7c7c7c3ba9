with mentions as (
    select * from candidate_entity_mentions
),

articles as (
    select article_id, body from candidate_articles
),

entities as (
    select entity_id from candidate_entities
),

final as (
    select
        mentions.*,
        articles.article_id is not null as article_exists,
        entities.entity_id is not null as entity_exists,
        mentions.start_char >= 0
            and mentions.start_char < mentions.end_char
            and mentions.end_char <= coalesce(length(articles.body), -1) as offsets_in_body,
        -- DuckDB's substring counts characters from 1, Python's offsets count them from 0
        coalesce(substring(articles.body, mentions.start_char + 1, mentions.end_char - mentions.start_char)
                 = mentions.text, false) as text_matches_body
    from mentions
    left join articles using (article_id)
    left join entities using (entity_id)
)

select * from final
