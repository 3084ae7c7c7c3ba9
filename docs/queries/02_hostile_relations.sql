-- Which actors' relations turned hostile: dyads with conflict events and a negative mean Goldstein.
select actor1_name, actor2_name, events, verbal_conflict, material_conflict, mean_goldstein
from dyad_summary
where verbal_conflict + material_conflict > 0 and mean_goldstein < 0
order by mean_goldstein, events desc, actor1_name, actor2_name
