-- Every entity's type evidence from the mentions of articles outside the batch (the batch's own
-- mentions are re-derived, so they vote anew): how many of its mentions read as each type.
select
    entity_id,
    case mention_type when 'nationality' then 'country' else mention_type end as entity_type,
    count(*) as mentions
from candidate_entity_mentions
where article_id not in (select article_id from batch_article_ids)
group by all
order by all;
