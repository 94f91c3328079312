-- What Peken owes each shop (its ledger lines not paid in cash), kept
-- current by a trigger in the transaction that writes a ledger line. The
-- merchant home and a payout read one row instead of summing the shop's
-- whole ledger, which grows with every order it ever completed.
CREATE TABLE shop_balances (
    shop_id         BIGINT PRIMARY KEY REFERENCES shops(id),
    balance         BIGINT NOT NULL
);

INSERT INTO shop_balances (shop_id, balance)
SELECT shop_id, SUM(amount) FROM ledger_entries WHERE cash = FALSE GROUP BY shop_id;

-- The ledger is only ever appended to; an edit or a removal (by hand, in
-- psql) is followed too, so the balance never disagrees with the lines.
CREATE FUNCTION ledger_entries_balance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND NOT OLD.cash THEN
        UPDATE shop_balances SET balance = balance - OLD.amount WHERE shop_id = OLD.shop_id;
    END IF;
    IF TG_OP <> 'DELETE' AND NOT NEW.cash THEN
        INSERT INTO shop_balances (shop_id, balance) VALUES (NEW.shop_id, NEW.amount)
        ON CONFLICT (shop_id) DO UPDATE SET balance = shop_balances.balance + EXCLUDED.balance;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER ledger_entries_balance
    AFTER INSERT OR DELETE OR UPDATE OF shop_id, amount, cash ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_entries_balance();
