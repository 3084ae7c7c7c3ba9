-- Staging: every entity with the entity it now reads as, following recorded merges (ids never change).
with recursive chain (entity_id, canonical_id, depth) as (
    select entity_id, entity_id, 0 from entities
    union all
    select chain.entity_id, merges.merged_into, chain.depth + 1
    from chain
    inner join entity_merges as merges on merges.entity_id = chain.canonical_id
    where chain.depth < 32
),

canonical as (
    select entity_id, arg_max(canonical_id, depth) as canonical_id
    from chain
    group by entity_id
),

final as (
    select
        entities.entity_id,
        canonical.canonical_id,
        entities.name,
        entities.entity_type,
        entities.country_code,
        entities.country_role,
        entities.first_seen_run
    from entities
    inner join canonical using (entity_id)
)

select * from final;

comment on view stg_entities is 'Staging: every entity id with the canonical entity it reads as after merges.';
comment on column stg_entities.entity_id is 'An entity id as stored in mentions, aliases and events.';
comment on column stg_entities.canonical_id is 'The entity it reads as: itself, or where its merges lead.';
comment on column stg_entities.name is 'Its canonical name.';
comment on column stg_entities.entity_type is 'person, organization, country, place or group.';
comment on column stg_entities.country_code is 'ISO 3166-1 alpha-2 of the country it is or stands for.';
comment on column stg_entities.country_role is 'self, capital, institution, located_in or nationality.';
comment on column stg_entities.first_seen_run is 'Run that created it.';
