-- The articles this run changes (the stage) as they would be published, with the checks only the
-- warehouse can compute. Only changed rows are read out to Great Expectations, so what a run's
-- validation holds in memory follows what it changes, not the warehouse's size; checks across the table
-- (an id, path or content held twice) are DuckDB aggregates over every article as it would be published.
with changed as (
    select * from stage_articles
),

repeated_ids as (
    select article_id from candidate_articles group by article_id having count(*) > 1
),

repeated_paths as (
    select source_path from candidate_articles group by source_path having count(*) > 1
),

repeated_contents as (
    select content_sha256 from candidate_articles group by content_sha256 having count(*) > 1
),

-- a staged article's mentions are all staged: its published ones are replaced with it
mention_counts as (
    select article_id, count(*) as mentions from stage_entity_mentions group by article_id
),

final as (
    select
        changed.*,
        length(changed.body) as body_length,
        coalesce(mention_counts.mentions, 0) > 0 as has_entities,
        changed.article_id not in (select article_id from repeated_ids) as article_id_unique,
        changed.source_path not in (select source_path from repeated_paths) as source_path_unique,
        changed.content_sha256 not in (select content_sha256 from repeated_contents) as content_sha256_unique
    from changed
    left join mention_counts using (article_id)
)

select * from final
