-- The seed article's accounts, for the demo and the tests: zhang san and li si, with nothing yet.
INSERT INTO account_info (account_no, account_name, account_balance) VALUES ('1', '张三', 0.00);
INSERT INTO account_info (account_no, account_name, account_balance) VALUES ('2', '李四', 0.00);
