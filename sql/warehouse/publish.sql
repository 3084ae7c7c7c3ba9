-- Make the stage what users query and empty it (one transaction; see warehouse.publish).
delete from entity_mentions where article_id in (select article_id from stage_replaced);
delete from events where article_id in (select article_id from stage_replaced);
delete from articles where article_id in (select article_id from stage_replaced);
insert into articles by name select * from stage_articles;
insert into entity_mentions by name select * from stage_entity_mentions;
insert into events by name select * from stage_events;
insert or replace into entities by name select * from stage_entities;
insert into entity_aliases by name select * from stage_entity_aliases;
insert into entity_merges by name select * from stage_entity_merges;
-- The codes are replaced only when the run staged them, so a stage without codes keeps the published ones.
delete from cameo_codes where exists (select 1 from stage_cameo_codes);
insert into cameo_codes by name select * from stage_cameo_codes;
delete from stage_articles;
delete from stage_entity_mentions;
delete from stage_events;
delete from stage_entities;
delete from stage_entity_aliases;
delete from stage_entity_merges;
delete from stage_cameo_codes;
delete from stage_replaced;
update runs set published = true where run_id = $run_id;
