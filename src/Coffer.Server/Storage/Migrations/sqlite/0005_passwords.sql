-- Passwords and sign-in sessions. A user has at most one password, kept only as a self-describing
-- hash ("pbkdf2-sha256$<iterations>$<salt>$<hash>"), so its algorithm or cost can be raised later
-- and old hashes upgraded when their user next signs in.

CREATE TABLE user_passwords (
    user_id TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    hash TEXT NOT NULL,
    changed INTEGER NOT NULL
) STRICT;

-- Personal tokens issued by signing in, so that changing a password can end the other sessions.
ALTER TABLE access_tokens ADD COLUMN session INTEGER NOT NULL DEFAULT 0;
