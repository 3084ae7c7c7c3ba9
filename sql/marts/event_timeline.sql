-- Every event with its actors' names, CAMEO names, QuadClass, Goldstein, date, place and source article. An
-- event with no source (an agentless passive: GDELT's blank Actor1) or no target keeps its row, the missing
-- actor's columns null.
with events as (
    select * from stg_events
),

entities as (
    select entity_id, name, entity_type from stg_entities
),

codes as (
    select * from stg_cameo_codes
),

articles as (
    select article_id, title, source_path, outlet, published_date from stg_articles
),

final as (
    select
        events.event_id,
        -- the event's own date when the text gives one, else the article's (as GDELT dates events)
        coalesce(events.event_date, articles.published_date) as timeline_date,
        events.event_date,
        events.date_precision,
        events.actor1_key,
        events.actor1_entity_id,
        coalesce(actor1.name, events.actor1_text) as actor1_name,
        actor1.entity_type as actor1_type,
        events.actor1_code,
        events.actor1_role,
        events.actor1_country_code,
        events.action,
        events.cameo_code,
        codes.cameo_name,
        events.cameo_root,
        codes.cameo_root_name,
        events.quad_class,
        case events.quad_class
            when 1 then 'verbal cooperation'
            when 2 then 'material cooperation'
            when 3 then 'verbal conflict'
            when 4 then 'material conflict'
        end as quad_class_name,
        events.goldstein,
        events.actor2_key,
        events.actor2_entity_id,
        coalesce(actor2.name, events.actor2_text) as actor2_name,
        actor2.entity_type as actor2_type,
        events.actor2_code,
        events.actor2_role,
        events.actor2_country_code,
        events.is_negated,
        events.is_hypothetical,
        events.action_geo_name,
        events.action_geo_country_code,
        events.action_geo_lat,
        events.action_geo_lon,
        events.evidence,
        events.article_id,
        articles.title as article_title,
        articles.source_path,
        articles.outlet,
        articles.published_date
    from events
    left join entities as actor1 on actor1.entity_id = events.actor1_entity_id
    left join entities as actor2 on actor2.entity_id = events.actor2_entity_id
    left join codes using (cameo_code)
    left join articles using (article_id)
)

select * from final;

comment on view event_timeline is 'Every event with its actors'' names, CAMEO names, QuadClass, Goldstein, date, place and source article.';
comment on column event_timeline.event_id is 'The event.';
comment on column event_timeline.timeline_date is 'The event''s own date when the text gives one, else the article''s publication date (GDELT''s convention).';
comment on column event_timeline.event_date is 'The event''s own date, when the text pins it down.';
comment on column event_timeline.date_precision is 'day, week, month or year.';
comment on column event_timeline.actor1_key is 'What identifies the source actor: canonical entity, else actor code, else text; null, as all actor1 columns, when the text names no one who did it (an agentless passive: GDELT''s blank Actor1).';
comment on column event_timeline.actor1_entity_id is 'Canonical entity of the source actor, when a named entity.';
comment on column event_timeline.actor1_name is 'The source actor''s canonical name, else its text.';
comment on column event_timeline.actor1_type is 'The source actor''s entity type.';
comment on column event_timeline.actor1_code is 'CAMEO actor code of the source actor.';
comment on column event_timeline.actor1_role is 'How the source actor stands for a country.';
comment on column event_timeline.actor1_country_code is 'Country the source actor is or stands for.';
comment on column event_timeline.action is 'The verb (or event noun) lemma.';
comment on column event_timeline.cameo_code is 'CAMEO event code.';
comment on column event_timeline.cameo_name is 'What the code means.';
comment on column event_timeline.cameo_root is 'CAMEO root code.';
comment on column event_timeline.cameo_root_name is 'What the root code means.';
comment on column event_timeline.quad_class is 'QuadClass 1-4.';
comment on column event_timeline.quad_class_name is 'verbal cooperation, material cooperation, verbal conflict or material conflict.';
comment on column event_timeline.goldstein is 'Goldstein value of the code, -10 to 10.';
comment on column event_timeline.actor2_key is 'What identifies the target actor.';
comment on column event_timeline.actor2_entity_id is 'Canonical entity of the target actor, when a named entity.';
comment on column event_timeline.actor2_name is 'The target actor''s canonical name, else its text.';
comment on column event_timeline.actor2_type is 'The target actor''s entity type.';
comment on column event_timeline.actor2_code is 'CAMEO actor code of the target actor.';
comment on column event_timeline.actor2_role is 'How the target actor stands for a country.';
comment on column event_timeline.actor2_country_code is 'Country the target actor is or stands for.';
comment on column event_timeline.is_negated is 'The text says it did not happen.';
comment on column event_timeline.is_hypothetical is 'Not (yet) a fact.';
comment on column event_timeline.action_geo_name is 'Where it happened.';
comment on column event_timeline.action_geo_country_code is 'Country it happened in.';
comment on column event_timeline.action_geo_lat is 'Latitude of the place.';
comment on column event_timeline.action_geo_lon is 'Longitude of the place.';
comment on column event_timeline.evidence is 'The sentence it was read from.';
comment on column event_timeline.article_id is 'The article.';
comment on column event_timeline.article_title is 'The article''s headline.';
comment on column event_timeline.source_path is 'The article''s file.';
comment on column event_timeline.outlet is 'The article''s publisher, when stated.';
comment on column event_timeline.published_date is 'The article''s publication date, when stated.';
