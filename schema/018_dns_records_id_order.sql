-- getRecords' default order (by id, api §3) within one zone: 014 indexed the other orders only,
-- so a page walked the primary key and skipped every other zone's records, a cost that grows
-- with the whole table rather than the zone (bench/run_dns point 4 measured it at twice the
-- other orders with one other zone beside the million-record one).
CREATE INDEX dns_records_zone_id_idx ON ngnpro.dns_records (zone_id, id);
