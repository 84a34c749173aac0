-- The manuals' tables (seed 000 §3.5, seed 001 §5.2) as irm's tests assume them; column names
-- follow the manuals where they give them (payment.reservation_id/status, point.user_id/balance,
-- point_history.user_id/amount/type, seat_hold.seat_id/status, reservation.status).
CREATE DATABASE IF NOT EXISTS hhplus;
USE hhplus;
CREATE TABLE reservation (
  id BIGINT PRIMARY KEY AUTO_INCREMENT,
  user_id BIGINT NOT NULL,
  seat_id BIGINT NOT NULL,
  status VARCHAR(32) NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
) ENGINE=InnoDB;
CREATE TABLE payment (
  id BIGINT PRIMARY KEY AUTO_INCREMENT,
  reservation_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  amount DECIMAL(12,0) NOT NULL,
  status VARCHAR(32) NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  KEY idx_payment_reservation (reservation_id)
) ENGINE=InnoDB;
CREATE TABLE point (
  user_id BIGINT PRIMARY KEY,
  balance DECIMAL(12,0) NOT NULL
) ENGINE=InnoDB;
CREATE TABLE point_history (
  id BIGINT PRIMARY KEY AUTO_INCREMENT,
  user_id BIGINT NOT NULL,
  amount DECIMAL(12,0) NOT NULL,
  type VARCHAR(16) NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
) ENGINE=InnoDB;
CREATE TABLE seat_hold (
  id BIGINT PRIMARY KEY AUTO_INCREMENT,
  seat_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  status VARCHAR(32) NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
) ENGINE=InnoDB;
INSERT INTO point (user_id, balance) VALUES (1, 100000), (2, 50000), (3, 70000);
INSERT INTO reservation (id, user_id, seat_id, status) VALUES (10, 1, 100, 'CONFIRMED'), (11, 2, 101, 'CONFIRMED'), (12, 3, 102, 'CONFIRMED');
INSERT INTO seat_hold (seat_id, user_id, status) VALUES (100, 1, 'CONFIRMED'), (101, 2, 'CONFIRMED'), (102, 3, 'CONFIRMED');
INSERT INTO payment (reservation_id, user_id, amount, status) VALUES (10, 1, 30000, 'COMPLETED'), (11, 2, 25000, 'COMPLETED'), (12, 3, 40000, 'COMPLETED');
