-- The entities this run adds or corrects (type, name), as they would be published. (Their ids are unique
-- by construction: the stage and the published table both key on entity_id, and the candidate view
-- leaves out a published row staged again.)
with changed as (
    select * from stage_entities
),

alias_counts as (
    select entity_id, count(*) as aliases from candidate_entity_aliases
    where entity_id in (select entity_id from changed)
    group by entity_id
),

final as (
    select
        changed.*,
        coalesce(alias_counts.aliases, 0) > 0 as has_alias
    from changed
    left join alias_counts using (entity_id)
)

select * from final
