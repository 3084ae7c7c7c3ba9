update runs set
    status = $status, finished_at = $now, error = $error,
    files_seen = $seen, files_new = $new, files_changed = $changed, files_unchanged = $unchanged,
    files_removed = $removed, files_duplicate = $duplicate, files_quarantined = $quarantined,
    files_rederived = $rederive
where run_id = $run_id;
