with runs as (
    select * from runs
),

final as (
    select
        runs.*,
        finished_at is null or finished_at >= started_at as finished_after_start,
        files_new + files_changed + files_unchanged = files_seen as counts_add_up,
        -- for the run being validated: whether the warehouse would still hold articles if it published;
        -- a warehouse that held none before (a first run whose files were all quarantined) loses nothing
        case when status = 'running' then
            exists (select 1 from candidate_articles) or not exists (select 1 from articles)
        end as keeps_articles
    from runs
)

select * from final
