-- The CAMEO codes of this run's rules, published with the events coded against them.
delete from stage_cameo_codes;
insert into stage_cameo_codes by name select * from reference_cameo_codes;
