-- actor1 × actor2 in the GDELT manner: events by QuadClass, mean Goldstein, first and last date.
-- Negated events ("did not meet") did not happen and are left out; hypothetical ones are counted apart.
with events as (
    select * from event_timeline where not is_negated and actor2_entity_id is not null
),

final as (
    select
        actor1_entity_id,
        any_value(actor1_name) as actor1_name,
        any_value(actor1_country_code) as actor1_country_code,
        actor2_entity_id,
        any_value(actor2_name) as actor2_name,
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
    group by actor1_entity_id, actor2_entity_id
)

select * from final
