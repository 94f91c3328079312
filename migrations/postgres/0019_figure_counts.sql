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

CREATE FUNCTION users_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        INSERT INTO market_total_changes (name, n) VALUES ('ac:' || OLD.role, -1);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO market_total_changes (name, n) VALUES ('ac:' || NEW.role, 1);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER users_count_insert AFTER INSERT ON users
    FOR EACH ROW EXECUTE FUNCTION users_count();
CREATE TRIGGER users_count_delete AFTER DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION users_count();
CREATE TRIGGER users_count_role AFTER UPDATE OF role ON users
    FOR EACH ROW WHEN (OLD.role IS DISTINCT FROM NEW.role) EXECUTE FUNCTION users_count();

CREATE FUNCTION complaints_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        INSERT INTO market_total_changes (name, n) VALUES ('cs:' || OLD.status, -1);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO market_total_changes (name, n) VALUES ('cs:' || NEW.status, 1);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER complaints_count_insert AFTER INSERT ON complaints
    FOR EACH ROW EXECUTE FUNCTION complaints_count();
CREATE TRIGGER complaints_count_delete AFTER DELETE ON complaints
    FOR EACH ROW EXECUTE FUNCTION complaints_count();
CREATE TRIGGER complaints_count_status AFTER UPDATE OF status ON complaints
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION complaints_count();

CREATE FUNCTION shops_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.status = 'verified' THEN
        INSERT INTO market_total_changes (name, n)
            VALUES ('vs:' || OLD.kind || ':' || CASE WHEN OLD.is_mbr THEN 1 ELSE 0 END, -1);
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.status = 'verified' THEN
        INSERT INTO market_total_changes (name, n)
            VALUES ('vs:' || NEW.kind || ':' || CASE WHEN NEW.is_mbr THEN 1 ELSE 0 END, 1);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER shops_count_insert AFTER INSERT ON shops
    FOR EACH ROW WHEN (NEW.status = 'verified') EXECUTE FUNCTION shops_count();
CREATE TRIGGER shops_count_delete AFTER DELETE ON shops
    FOR EACH ROW WHEN (OLD.status = 'verified') EXECUTE FUNCTION shops_count();
CREATE TRIGGER shops_count_update AFTER UPDATE OF status, kind, is_mbr ON shops
    FOR EACH ROW WHEN ((OLD.status = 'verified' OR NEW.status = 'verified')
        AND (OLD.status IS DISTINCT FROM NEW.status OR OLD.kind IS DISTINCT FROM NEW.kind
             OR OLD.is_mbr IS DISTINCT FROM NEW.is_mbr))
    EXECUTE FUNCTION shops_count();

-- What there is now.
INSERT INTO market_totals (name, n, v) SELECT 'ac:' || role, COUNT(*), 0 FROM users GROUP BY role;
INSERT INTO market_totals (name, n, v) SELECT 'cs:' || status, COUNT(*), 0 FROM complaints GROUP BY status;
INSERT INTO market_totals (name, n, v)
    SELECT 'vs:' || kind || ':' || CASE WHEN is_mbr THEN 1 ELSE 0 END, COUNT(*), 0
    FROM shops WHERE status = 'verified' GROUP BY 1;
