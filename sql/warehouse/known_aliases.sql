select entity_id, alias, alias_key from candidate_entity_aliases order by entity_id, alias_key;
