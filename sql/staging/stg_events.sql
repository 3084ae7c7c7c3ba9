-- Staging: events with canonical actor entities and one key per actor (entity, else actor code).
with events as (
    select * from events
),

entities as (
    select entity_id, canonical_id from stg_entities
),

final as (
    select
        events.event_id,
        events.article_id,
        a1.canonical_id as actor1_entity_id,
        coalesce(a1.canonical_id, events.actor1_code, events.actor1_text) as actor1_key,
        events.actor1_text,
        events.actor1_code,
        events.actor1_role,
        events.actor1_country_code,
        a2.canonical_id as actor2_entity_id,
        coalesce(a2.canonical_id, events.actor2_code, events.actor2_text) as actor2_key,
        events.actor2_text,
        events.actor2_code,
        events.actor2_role,
        events.actor2_country_code,
        events.action,
        events.cameo_code,
        events.cameo_root,
        cast(events.quad_class as integer) as quad_class,
        events.goldstein,
        events.event_date,
        events.date_precision,
        events.is_negated,
        events.is_hypothetical,
        events.action_geo_name,
        events.action_geo_country_code,
        events.action_geo_lat,
        events.action_geo_lon,
        events.evidence
    from events
    left join entities as a1 on a1.entity_id = events.actor1_entity_id
    left join entities as a2 on a2.entity_id = events.actor2_entity_id
)

select * from final;

comment on view stg_events is 'Staging: events with canonical actor entities and an actor key for grouping.';
comment on column stg_events.event_id is 'The event (events.event_id).';
comment on column stg_events.article_id is 'The article it was read from.';
comment on column stg_events.actor1_entity_id is 'Canonical entity of the source actor, when it is a named entity.';
comment on column stg_events.actor1_key is 'What identifies the source actor: its canonical entity, else its actor code, else its text; null when the text names no one who did it (an agentless passive: GDELT''s blank Actor1).';
comment on column stg_events.actor1_text is 'The source actor as written; for a pronoun, the actor it stands for.';
comment on column stg_events.actor1_code is 'CAMEO actor code of the source actor.';
comment on column stg_events.actor1_role is 'How the source actor stands for a country.';
comment on column stg_events.actor1_country_code is 'Country the source actor is or stands for.';
comment on column stg_events.actor2_entity_id is 'Canonical entity of the target actor, when it is a named entity.';
comment on column stg_events.actor2_key is 'What identifies the target actor: its canonical entity, else its actor code, else its text.';
comment on column stg_events.actor2_text is 'The target actor as written; for a pronoun, the actor it stands for.';
comment on column stg_events.actor2_code is 'CAMEO actor code of the target actor.';
comment on column stg_events.actor2_role is 'How the target actor stands for a country.';
comment on column stg_events.actor2_country_code is 'Country the target actor is or stands for.';
comment on column stg_events.action is 'The verb (or event noun) lemma.';
comment on column stg_events.cameo_code is 'CAMEO event code.';
comment on column stg_events.cameo_root is 'CAMEO root code.';
comment on column stg_events.quad_class is 'QuadClass 1-4.';
comment on column stg_events.goldstein is 'Goldstein value.';
comment on column stg_events.event_date is 'The event''s own date, when the text pins it down.';
comment on column stg_events.date_precision is 'day, week, month or year.';
comment on column stg_events.is_negated is 'The text says it did not happen.';
comment on column stg_events.is_hypothetical is 'Not (yet) a fact: would, could, plans to, if.';
comment on column stg_events.action_geo_name is 'Where it happened.';
comment on column stg_events.action_geo_country_code is 'Country it happened in.';
comment on column stg_events.action_geo_lat is 'Latitude of the place.';
comment on column stg_events.action_geo_lon is 'Longitude of the place.';
comment on column stg_events.evidence is 'The sentence.';
