select source_path, reason, detail from quarantine order by source_path;
