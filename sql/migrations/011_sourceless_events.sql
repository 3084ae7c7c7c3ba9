-- An event may have no source: an agentless passive ("five opposition leaders were arrested", "the embassy was
-- attacked") names only whom the act was done to, and is coded as GDELT codes it, with Actor1 blank. Its
-- actor1 columns are null (they always were nullable); actor2 is the passive's subject.
comment on column events.actor1_entity_id is 'Who acted (source actor); null when the text names no one who did it (an agentless passive: GDELT''s blank Actor1).';
comment on column events.actor1_text is 'The source actor as written (a name or a noun phrase such as "Russian officials"); for a pronoun, the actor it stands for; null when the text names no one who did it (an agentless passive: GDELT''s blank Actor1).';
comment on column events.actor1_code is 'CAMEO actor code of the source actor: country plus agent, e.g. RUSGOV, USAMIL; null when the actor has none or the text names no one who did it (an agentless passive: GDELT''s blank Actor1).';
comment on column events.actor1_role is 'How actor1 stands for a country: self, nationality, capital or institution; null when there is no source.';
comment on column events.actor1_country_code is 'The country actor1 is or stands for; null when there is no source.';
comment on column candidate_events.actor1_entity_id is 'Who acted (source actor); null when the text names no one who did it (an agentless passive: GDELT''s blank Actor1).';
comment on column candidate_events.actor1_text is 'The source actor as written (a name or a noun phrase such as "Russian officials"); for a pronoun, the actor it stands for; null when the text names no one who did it (an agentless passive: GDELT''s blank Actor1).';
comment on column candidate_events.actor1_code is 'CAMEO actor code of the source actor: country plus agent, e.g. RUSGOV, USAMIL; null when the actor has none or the text names no one who did it (an agentless passive: GDELT''s blank Actor1).';
comment on column candidate_events.actor1_role is 'How actor1 stands for a country: self, nationality, capital or institution; null when there is no source.';
comment on column candidate_events.actor1_country_code is 'The country actor1 is or stands for; null when there is no source.';
comment on column stage_events.actor1_entity_id is 'Who acted (source actor); null when the text names no one who did it (an agentless passive: GDELT''s blank Actor1).';
comment on column stage_events.actor1_text is 'The source actor as written (a name or a noun phrase such as "Russian officials"); for a pronoun, the actor it stands for; null when the text names no one who did it (an agentless passive: GDELT''s blank Actor1).';
comment on column stage_events.actor1_code is 'CAMEO actor code of the source actor: country plus agent, e.g. RUSGOV, USAMIL; null when the actor has none or the text names no one who did it (an agentless passive: GDELT''s blank Actor1).';
comment on column stage_events.actor1_role is 'How actor1 stands for a country: self, nationality, capital or institution; null when there is no source.';
comment on column stage_events.actor1_country_code is 'The country actor1 is or stands for; null when there is no source.';
