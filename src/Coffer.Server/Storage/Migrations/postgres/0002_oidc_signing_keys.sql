-- The OIDC issuer's signing keys, shared by every replica. The private key is stored only wrapped
-- by the root key (key_version says which); the public key is public. Each new key takes the next
-- generation, so replicas that decide to rotate at the same moment conflict instead of adding two.

CREATE TABLE oidc_signing_keys (
    id text PRIMARY KEY,
    generation integer NOT NULL UNIQUE,
    algorithm text NOT NULL,
    public_key bytea NOT NULL,
    wrapped_private_key bytea NOT NULL,
    key_version integer NOT NULL,
    created bigint NOT NULL,
    activates bigint NOT NULL
);
