-- Articles as they would be published, with the checks only the warehouse can compute.
with articles as (
    select * from candidate_articles
),

mention_counts as (
    select article_id, count(*) as mentions from candidate_entity_mentions group by article_id
),

final as (
    select
        articles.*,
        coalesce(mention_counts.mentions, 0) > 0 as has_entities
    from articles
    left join mention_counts using (article_id)
)

select * from final
