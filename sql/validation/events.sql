-- The events this run changes, as they would be published, with the checks only the warehouse can compute.
with events as (
    select * from stage_events
),

repeated_ids as (
    select event_id from candidate_events group by event_id having count(*) > 1
),

articles as (
    select article_id, published_date, length(body) as body_length, length(title) as title_length
    from candidate_articles
    where article_id in (select article_id from events)
),

entities as (
    select entity_id from candidate_entities
),

codes as (
    select cameo_code, cameo_root, quad_class from candidate_cameo_codes
),

roots as (
    select cameo_code as cameo_root, quad_class as root_quad_class from candidate_cameo_codes where length(cameo_code) = 2
),

final as (
    select
        events.*,
        events.event_id not in (select event_id from repeated_ids) as event_id_unique,
        articles.article_id is not null as article_exists,
        -- an actor is an entity or, for noun phrases such as "police", an actor code; a named one must exist.
        -- An event has a source or a target: a statement may name nobody it is made to, and an agentless
        -- passive ("the embassy was attacked") nobody who did it (GDELT's blank Actor1)
        (events.actor1_entity_id is not null or events.actor1_code is not null
            or events.actor2_entity_id is not null or events.actor2_code is not null)
            -- a source the text names is an entity or a code; only a source it does not name is blank
            and (events.actor1_text is null or events.actor1_entity_id is not null or events.actor1_code is not null)
            and (events.actor1_entity_id is null or actor1.entity_id is not null)
            and (events.actor2_entity_id is null or actor2.entity_id is not null) as actors_exist,
        codes.cameo_code is not null as cameo_code_known,
        codes.cameo_root is not distinct from events.cameo_root as cameo_root_matches_code,
        roots.root_quad_class is not distinct from events.quad_class as quad_class_matches_root,
        events.event_date is null or articles.published_date is null
            or events.event_date <= articles.published_date as not_after_published,
        events.end_char <= coalesce(
            case when events.field = 'title' then articles.title_length else articles.body_length end, -1
        ) as evidence_in_body
    from events
    left join articles using (article_id)
    left join entities as actor1 on actor1.entity_id = events.actor1_entity_id
    left join entities as actor2 on actor2.entity_id = events.actor2_entity_id
    left join codes on codes.cameo_code = events.cameo_code
    left join roots on roots.cameo_root = events.cameo_root
)

select * from final
