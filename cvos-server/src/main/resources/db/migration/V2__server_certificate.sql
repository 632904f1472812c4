-- Peer trust without manual steps: every server publishes the PEM of its own HTTPS certificate in
-- its registry row, and peers trust exactly the certificates registered here (plus an optional
-- configured truststore). Null until the server publishes it; replaced when its certificate changes.
ALTER TABLE server_registry ADD COLUMN certificate_pem VARCHAR(16384);
