-- Who met, talked to or visited whom (CAMEO root 04, consult), and was it a fact or an intention?
select actor1_name, action, actor2_name, is_hypothetical, timeline_date, date_precision
from event_timeline
where cameo_root in ('03', '04') and action in ('meet', 'talk', 'speak', 'visit', 'discuss', 'host') and not is_negated
order by actor1_name, actor2_name
