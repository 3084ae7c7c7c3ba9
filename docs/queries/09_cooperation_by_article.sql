-- Cooperation against conflict per article: events by QuadClass and mean Goldstein.
select article_title, count(*) as events,
       count(*) filter (where quad_class in (1, 2)) as cooperation,
       count(*) filter (where quad_class in (3, 4)) as conflict,
       round(avg(goldstein), 2) as mean_goldstein
from event_timeline
group by article_title
order by mean_goldstein
