-- An event's actor text is the phrase as written, except a pronoun ("he", "its"), which is replaced by the
-- text of the actor it stands for, so no actor reads as a bare pronoun.
comment on column events.actor1_text is 'The source actor as written (a name or a noun phrase such as "Russian officials"); for a pronoun, the actor it stands for.';
comment on column events.actor2_text is 'The target actor as written; for a pronoun, the actor it stands for.';
comment on column candidate_events.actor1_text is 'The source actor as written (a name or a noun phrase such as "Russian officials"); for a pronoun, the actor it stands for.';
comment on column candidate_events.actor2_text is 'The target actor as written; for a pronoun, the actor it stands for.';
comment on column stage_events.actor1_text is 'The source actor as written (a name or a noun phrase such as "Russian officials"); for a pronoun, the actor it stands for.';
comment on column stage_events.actor2_text is 'The target actor as written; for a pronoun, the actor it stands for.';
