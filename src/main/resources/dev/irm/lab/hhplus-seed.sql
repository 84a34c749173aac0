-- The manuals' seed rows of the reference app's tables (lab/hhplus-app/src/main/resources/schema.sql):
-- what irm lab up puts in a new lab, and what the tests' ReferenceApp.reset puts back.
INSERT INTO hhplus.point (user_id, balance) VALUES (1, 100000), (2, 50000), (3, 70000);
INSERT INTO hhplus.reservation (id, user_id, seat_id, status) VALUES (10, 1, 100, 'CONFIRMED'), (11, 2, 101, 'CONFIRMED'), (12, 3, 102, 'TEMPORARY');
INSERT INTO hhplus.seat_hold (seat_id, user_id, status) VALUES (100, 1, 'CONFIRMED'), (101, 2, 'CONFIRMED'), (102, 3, 'HELD');
INSERT INTO hhplus.payment (reservation_id, user_id, amount, status) VALUES (10, 1, 30000, 'COMPLETED'), (11, 2, 25000, 'COMPLETED');
