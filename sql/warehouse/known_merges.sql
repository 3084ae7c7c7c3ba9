select entity_id, merged_into, reason from candidate_entity_merges order by entity_id;
