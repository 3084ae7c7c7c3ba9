-- How countries act toward each other, counting people and institutions as the country they stand for.
select actor1_country_code as source, actor2_country_code as target, count(*) as events,
       round(avg(goldstein), 2) as mean_goldstein, list(distinct action order by action) as actions
from event_timeline
where actor1_country_code is not null and actor2_country_code is not null
  and actor1_country_code <> actor2_country_code and not is_negated
group by 1, 2
order by events desc, source, target
