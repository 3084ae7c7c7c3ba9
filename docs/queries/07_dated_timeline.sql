-- Events the text dates itself, in time order, with the evidence.
select event_date, date_precision, actor1_name, action, actor2_name, left(evidence, 90) as evidence
from event_timeline
where event_date is not null
order by event_date, actor1_name
