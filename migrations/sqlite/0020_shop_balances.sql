-- What Peken owes each shop (its ledger lines not paid in cash), kept
-- current by triggers in the transaction that writes a ledger line. The
-- merchant home and a payout read one row instead of summing the shop's
-- whole ledger, which grows with every order it ever completed.
CREATE TABLE shop_balances (
    shop_id         INTEGER PRIMARY KEY REFERENCES shops(id),
    balance         INTEGER NOT NULL
);

INSERT INTO shop_balances (shop_id, balance)
SELECT shop_id, SUM(amount) FROM ledger_entries WHERE cash = 0 GROUP BY shop_id;

-- The ledger is only ever appended to; an edit or a removal (by hand, in
-- the sqlite3 shell) is followed too, so the balance never disagrees with
-- the lines.
CREATE TRIGGER ledger_entries_balance_insert AFTER INSERT ON ledger_entries WHEN NOT NEW.cash BEGIN
    INSERT INTO shop_balances (shop_id, balance) VALUES (NEW.shop_id, NEW.amount)
    ON CONFLICT (shop_id) DO UPDATE SET balance = balance + excluded.balance;
END;
CREATE TRIGGER ledger_entries_balance_delete AFTER DELETE ON ledger_entries WHEN NOT OLD.cash BEGIN
    UPDATE shop_balances SET balance = balance - OLD.amount WHERE shop_id = OLD.shop_id;
END;
CREATE TRIGGER ledger_entries_balance_update AFTER UPDATE OF shop_id, amount, cash ON ledger_entries BEGIN
    UPDATE shop_balances SET balance = balance - OLD.amount WHERE shop_id = OLD.shop_id AND NOT OLD.cash;
    INSERT INTO shop_balances (shop_id, balance) SELECT NEW.shop_id, NEW.amount WHERE NOT NEW.cash
    ON CONFLICT (shop_id) DO UPDATE SET balance = balance + excluded.balance;
END;
