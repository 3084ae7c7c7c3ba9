-- The entities this run adds or corrects (type, name), as they would be published.
with changed as (
    select * from stage_entities
),

repeated_ids as (
    select entity_id from candidate_entities group by entity_id having count(*) > 1
),

alias_counts as (
    select entity_id, count(*) as aliases from candidate_entity_aliases
    where entity_id in (select entity_id from changed)
    group by entity_id
),

final as (
    select
        changed.*,
        changed.entity_id not in (select entity_id from repeated_ids) as entity_id_unique,
        coalesce(alias_counts.aliases, 0) > 0 as has_alias
    from changed
    left join alias_counts using (entity_id)
)

select * from final
