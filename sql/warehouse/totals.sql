-- What users now see, for the run summary.
select
    (select count(*) from articles) as articles,
    (select count(*) from entities where entity_id not in (select entity_id from entity_merges)) as entities,
    (select count(*) from events) as events;
