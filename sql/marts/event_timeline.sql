-- Every event with its actors' names, CAMEO names, QuadClass, Goldstein, date and source article.
with events as (
    select * from events
),

entities as (
    select entity_id, name, entity_type from entities
),

codes as (
    select cameo_code, name as cameo_name from cameo_codes
),

roots as (
    select cameo_code as cameo_root, name as cameo_root_name from cameo_codes where length(cameo_code) = 2
),

articles as (
    select article_id, title, source_path, outlet, published_date from articles
),

final as (
    select
        events.event_id,
        -- the event's own date when the text gives one, else the article's (as GDELT dates events)
        coalesce(events.event_date, articles.published_date) as timeline_date,
        events.event_date,
        events.date_precision,
        events.actor1_entity_id,
        actor1.name as actor1_name,
        actor1.entity_type as actor1_type,
        events.actor1_role,
        events.actor1_country_code,
        events.action,
        events.cameo_code,
        codes.cameo_name,
        events.cameo_root,
        roots.cameo_root_name,
        events.quad_class,
        case events.quad_class
            when 1 then 'verbal cooperation'
            when 2 then 'material cooperation'
            when 3 then 'verbal conflict'
            when 4 then 'material conflict'
        end as quad_class_name,
        events.goldstein,
        events.actor2_entity_id,
        actor2.name as actor2_name,
        actor2.entity_type as actor2_type,
        events.actor2_role,
        events.actor2_country_code,
        events.is_negated,
        events.is_hypothetical,
        events.evidence,
        events.article_id,
        articles.title as article_title,
        articles.source_path,
        articles.outlet,
        articles.published_date
    from events
    inner join entities as actor1 on actor1.entity_id = events.actor1_entity_id
    left join entities as actor2 on actor2.entity_id = events.actor2_entity_id
    left join codes using (cameo_code)
    left join roots using (cameo_root)
    left join articles using (article_id)
)

select * from final
