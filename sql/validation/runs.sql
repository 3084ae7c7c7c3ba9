with runs as (
    select * from runs
),

final as (
    select
        runs.*,
        finished_at is null or finished_at >= started_at as finished_after_start,
        files_new + files_changed + files_unchanged = files_seen as counts_add_up,
        -- for the run being validated: how many articles the warehouse would hold if it published
        case when status = 'running' then (select count(*) from candidate_articles) end as articles_after_run
    from runs
)

select * from final
