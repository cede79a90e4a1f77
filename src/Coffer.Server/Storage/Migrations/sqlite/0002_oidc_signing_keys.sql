-- The OIDC issuer's signing keys, shared by every replica. The private key is stored only wrapped
-- by the root key (key_version says which); the public key is public. Each new key takes the next
-- generation, so replicas that decide to rotate at the same moment conflict instead of adding two.

CREATE TABLE oidc_signing_keys (
    id TEXT PRIMARY KEY,
    generation INTEGER NOT NULL UNIQUE,
    algorithm TEXT NOT NULL,
    public_key BLOB NOT NULL,
    wrapped_private_key BLOB NOT NULL,
    key_version INTEGER NOT NULL,
    created INTEGER NOT NULL,
    activates INTEGER NOT NULL
) STRICT;
