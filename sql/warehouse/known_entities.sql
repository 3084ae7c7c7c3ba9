-- Every entity, published or staged, for resolution (read inside the single writer).
select entity_id, name, entity_type, country_code, country_role from candidate_entities order by entity_id;
