-- Intentions and possibilities (would, could, plans to, willing to) rather than facts.
select actor1_name, action, actor2_name, cameo_code, cameo_name, left(evidence, 80) as evidence
from event_timeline
where is_hypothetical
order by actor1_name, action, actor2_name, evidence
