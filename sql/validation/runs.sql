with runs as (
    select * from runs
),

final as (
    select
        runs.*,
        finished_at is null or finished_at >= started_at as finished_after_start,
        files_new + files_changed + files_unchanged = files_seen as counts_add_up
    from runs
)

select * from final
