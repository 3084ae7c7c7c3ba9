-- The aliases a run can change the meaning of, as they would be published: new aliases, and every
-- alias of an entity whose type the run corrects or that it merges (either side). A full name names one
-- entity of a type (after merges), checked against every alias with that key; a one-word alias (a
-- surname, "Colts", an acronym) may belong to several, and resolution picks by the article's context,
-- so it is not checked for uniqueness.
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

touched_entities as (
    select entity_id from stage_entities
    union select entity_id from stage_entity_merges
    union select merged_into from stage_entity_merges
),

changed as (
    select * from candidate_entity_aliases
    where entity_id in (select entity_id from touched_entities)
    union
    select * from stage_entity_aliases
),

entities as (
    select entity_id, entity_type from candidate_entities
),

-- every alias, changed or not, that shares a full-name key with a changed one
same_key as (
    select candidate_entity_aliases.entity_id, candidate_entity_aliases.alias_key, entities.entity_type,
           canonical.canonical_id
    from candidate_entity_aliases
    inner join entities using (entity_id)
    inner join canonical using (entity_id)
    where candidate_entity_aliases.alias_key like '% %'
        and candidate_entity_aliases.alias_key in (select alias_key from changed)
),

holders as (
    select entity_type, alias_key, count(distinct canonical_id) as canonical_entities
    from same_key group by entity_type, alias_key
),

repeated_keys as (
    select entity_id, alias_key from candidate_entity_aliases
    where entity_id in (select entity_id from changed)
    group by entity_id, alias_key having count(*) > 1
),

final as (
    select
        changed.*,
        changed.entity_id || '|' || changed.alias_key as entity_alias_key,
        (changed.entity_id, changed.alias_key) not in (select (entity_id, alias_key) from repeated_keys)
            as entity_alias_key_unique,
        entities.entity_id is not null as entity_exists,
        coalesce(holders.canonical_entities, 1) <= 1 as full_name_names_one_entity
    from changed
    left join entities using (entity_id)
    left join holders on holders.entity_type = entities.entity_type and holders.alias_key = changed.alias_key
)

select * from final
