with entities as (
    select * from candidate_entities
),

alias_counts as (
    select entity_id, count(*) as aliases from candidate_entity_aliases group by entity_id
),

final as (
    select
        entities.*,
        coalesce(alias_counts.aliases, 0) > 0 as has_alias
    from entities
    left join alias_counts using (entity_id)
)

select * from final
