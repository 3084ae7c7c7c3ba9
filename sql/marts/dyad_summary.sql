-- actor1 × actor2 in the GDELT manner: events by QuadClass, mean Goldstein, first and last date.
-- Negated events ("did not meet") did not happen and are left out; hypothetical ones are counted apart.
-- An event with no target (a statement to nobody in particular) is no dyad. An event with no source (an
-- agentless passive, "US diplomats were expelled": GDELT's blank Actor1) is one: its actor1 columns are null,
-- and the events done to a target by nobody the text names form one row with a null actor1_key.
with events as (
    select * from event_timeline where not is_negated and actor2_key is not null
),

final as (
    select
        actor1_key,
        any_value(actor1_entity_id) as actor1_entity_id,
        any_value(actor1_name) as actor1_name,
        any_value(actor1_code) as actor1_code,
        any_value(actor1_country_code) as actor1_country_code,
        actor2_key,
        any_value(actor2_entity_id) as actor2_entity_id,
        any_value(actor2_name) as actor2_name,
        any_value(actor2_code) as actor2_code,
        any_value(actor2_country_code) as actor2_country_code,
        count(*) as events,
        count(*) filter (where is_hypothetical) as hypothetical_events,
        count(*) filter (where quad_class = 1) as verbal_cooperation,
        count(*) filter (where quad_class = 2) as material_cooperation,
        count(*) filter (where quad_class = 3) as verbal_conflict,
        count(*) filter (where quad_class = 4) as material_conflict,
        round(avg(goldstein), 2) as mean_goldstein,
        min(timeline_date) as first_date,
        max(timeline_date) as last_date
    from events
    group by actor1_key, actor2_key
)

select * from final;

comment on view dyad_summary is 'actor1 × actor2 in the GDELT manner: events by QuadClass, mean Goldstein, first and last date (negated events and events with no target left out; events with no source form a row with a null actor1_key).';
comment on column dyad_summary.actor1_key is 'The source actor: canonical entity, else actor code, else text; null for the events done to actor2 by no one the text names (GDELT''s blank Actor1).';
comment on column dyad_summary.actor1_entity_id is 'Canonical entity of the source actor, when a named entity.';
comment on column dyad_summary.actor1_name is 'The source actor''s name.';
comment on column dyad_summary.actor1_code is 'CAMEO actor code of the source actor.';
comment on column dyad_summary.actor1_country_code is 'Country the source actor is or stands for.';
comment on column dyad_summary.actor2_key is 'The target actor.';
comment on column dyad_summary.actor2_entity_id is 'Canonical entity of the target actor, when a named entity.';
comment on column dyad_summary.actor2_name is 'The target actor''s name.';
comment on column dyad_summary.actor2_code is 'CAMEO actor code of the target actor.';
comment on column dyad_summary.actor2_country_code is 'Country the target actor is or stands for.';
comment on column dyad_summary.events is 'Events of the dyad (hypothetical included, negated left out).';
comment on column dyad_summary.hypothetical_events is 'Of those, not (yet) facts.';
comment on column dyad_summary.verbal_cooperation is 'Events of QuadClass 1.';
comment on column dyad_summary.material_cooperation is 'Events of QuadClass 2.';
comment on column dyad_summary.verbal_conflict is 'Events of QuadClass 3.';
comment on column dyad_summary.material_conflict is 'Events of QuadClass 4.';
comment on column dyad_summary.mean_goldstein is 'Mean Goldstein value, 2 decimals.';
comment on column dyad_summary.first_date is 'Earliest timeline date.';
comment on column dyad_summary.last_date is 'Latest timeline date.';
