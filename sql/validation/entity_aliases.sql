with aliases as (
    select * from candidate_entity_aliases
),

entities as (
    select entity_id, entity_type from candidate_entities
),

final as (
    select
        aliases.*,
        entities.entity_id is not null as entity_exists,
        aliases.entity_id || '|' || aliases.alias_key as entity_alias_key,
        -- one alias key names one entity of a type
        coalesce(entities.entity_type, '?') || '|' || aliases.alias_key as typed_alias_key
    from aliases
    left join entities using (entity_id)
)

select * from final
