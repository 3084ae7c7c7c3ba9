-- Aliases as they would be published. A full name names one entity of a type (after merges); a one-word
-- alias (a surname, "Colts", an acronym) may belong to several, and resolution picks by the article's
-- context, so it is not checked for uniqueness.
with recursive chain (entity_id, canonical_id, depth) as (
    select entity_id, entity_id, 0 from candidate_entities
    union all
    select chain.entity_id, merges.merged_into, chain.depth + 1
    from chain
    inner join candidate_entity_merges as merges on merges.entity_id = chain.canonical_id
    where chain.depth < 32
),

canonical as (
    select entity_id, arg_max(canonical_id, depth) as canonical_id from chain group by entity_id
),

aliases as (
    select * from candidate_entity_aliases
),

entities as (
    select entity_id, entity_type from candidate_entities
),

typed as (
    select
        aliases.*,
        entities.entity_id is not null as entity_exists,
        entities.entity_type,
        canonical.canonical_id
    from aliases
    left join entities using (entity_id)
    left join canonical using (entity_id)
),

final as (
    select
        typed.* exclude (entity_type, canonical_id),
        typed.entity_id || '|' || typed.alias_key as entity_alias_key,
        not (typed.alias_key like '% %'
             and count(distinct typed.canonical_id) over (partition by typed.entity_type, typed.alias_key) > 1
        ) as full_name_names_one_entity
    from typed
)

select * from final
