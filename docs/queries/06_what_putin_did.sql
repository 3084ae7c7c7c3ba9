-- What did Vladimir Putin do, by CAMEO root?
select cameo_root, cameo_root_name, count(*) as events, list(distinct action order by action) as actions
from event_timeline
where actor1_name = 'Vladimir Putin'
group by cameo_root, cameo_root_name
order by events desc, cameo_root
