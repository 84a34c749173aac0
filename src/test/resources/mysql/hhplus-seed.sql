-- Seed rows of the manuals' tables for irm's MySQL tests (the tables: lab/hhplus-app/src/main/resources/schema.sql).
INSERT INTO point (user_id, balance) VALUES (1, 100000), (2, 50000), (3, 70000);
INSERT INTO reservation (id, user_id, seat_id, status) VALUES (10, 1, 100, 'CONFIRMED'), (11, 2, 101, 'CONFIRMED'), (12, 3, 102, 'CONFIRMED');
INSERT INTO seat_hold (seat_id, user_id, status) VALUES (100, 1, 'CONFIRMED'), (101, 2, 'CONFIRMED'), (102, 3, 'CONFIRMED');
INSERT INTO payment (reservation_id, user_id, amount, status) VALUES (10, 1, 30000, 'COMPLETED'), (11, 2, 25000, 'COMPLETED'), (12, 3, 40000, 'COMPLETED');
