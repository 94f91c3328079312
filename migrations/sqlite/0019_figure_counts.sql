-- Counts the transparency page (/transparansi) and the city's dashboard
-- show beside the sales totals: accounts by role, complaints by status,
-- verified shops by kind and MBR mark. They were counted over every
-- account, complaint and verified shop on each request (a public page
-- whose cost grew with the city). Now running totals, like those of
-- 0009 and 0012: triggers append each change to market_total_changes and
-- the two-second job folds them. Names:
--   'ac:<role>'            accounts of a role
--   'cs:<status>'          complaints in a status
--   'vs:<kind>:<0|1>'      verified shops of a kind and MBR mark

CREATE TRIGGER users_count_insert AFTER INSERT ON users BEGIN
    INSERT INTO market_total_changes (name, n) VALUES ('ac:' || NEW.role, 1);
END;
CREATE TRIGGER users_count_delete AFTER DELETE ON users BEGIN
    INSERT INTO market_total_changes (name, n) VALUES ('ac:' || OLD.role, -1);
END;
CREATE TRIGGER users_count_role AFTER UPDATE OF role ON users WHEN OLD.role IS NOT NEW.role BEGIN
    INSERT INTO market_total_changes (name, n) VALUES ('ac:' || OLD.role, -1), ('ac:' || NEW.role, 1);
END;

CREATE TRIGGER complaints_count_insert AFTER INSERT ON complaints BEGIN
    INSERT INTO market_total_changes (name, n) VALUES ('cs:' || NEW.status, 1);
END;
CREATE TRIGGER complaints_count_delete AFTER DELETE ON complaints BEGIN
    INSERT INTO market_total_changes (name, n) VALUES ('cs:' || OLD.status, -1);
END;
CREATE TRIGGER complaints_count_status AFTER UPDATE OF status ON complaints WHEN OLD.status IS NOT NEW.status BEGIN
    INSERT INTO market_total_changes (name, n) VALUES ('cs:' || OLD.status, -1), ('cs:' || NEW.status, 1);
END;

CREATE TRIGGER shops_count_insert AFTER INSERT ON shops WHEN NEW.status = 'verified' BEGIN
    INSERT INTO market_total_changes (name, n)
        VALUES ('vs:' || NEW.kind || ':' || CASE WHEN NEW.is_mbr THEN 1 ELSE 0 END, 1);
END;
CREATE TRIGGER shops_count_delete AFTER DELETE ON shops WHEN OLD.status = 'verified' BEGIN
    INSERT INTO market_total_changes (name, n)
        VALUES ('vs:' || OLD.kind || ':' || CASE WHEN OLD.is_mbr THEN 1 ELSE 0 END, -1);
END;
CREATE TRIGGER shops_count_update AFTER UPDATE OF status, kind, is_mbr ON shops
WHEN (OLD.status = 'verified' OR NEW.status = 'verified')
  AND (OLD.status IS NOT NEW.status OR OLD.kind IS NOT NEW.kind OR OLD.is_mbr IS NOT NEW.is_mbr)
BEGIN
    INSERT INTO market_total_changes (name, n)
        SELECT 'vs:' || OLD.kind || ':' || CASE WHEN OLD.is_mbr THEN 1 ELSE 0 END, -1 WHERE OLD.status = 'verified';
    INSERT INTO market_total_changes (name, n)
        SELECT 'vs:' || NEW.kind || ':' || CASE WHEN NEW.is_mbr THEN 1 ELSE 0 END, 1 WHERE NEW.status = 'verified';
END;

-- What there is now.
INSERT INTO market_totals (name, n, v) SELECT 'ac:' || role, COUNT(*), 0 FROM users GROUP BY role;
INSERT INTO market_totals (name, n, v) SELECT 'cs:' || status, COUNT(*), 0 FROM complaints GROUP BY status;
INSERT INTO market_totals (name, n, v)
    SELECT 'vs:' || kind || ':' || CASE WHEN is_mbr THEN 1 ELSE 0 END, COUNT(*), 0
    FROM shops WHERE status = 'verified' GROUP BY 1;
