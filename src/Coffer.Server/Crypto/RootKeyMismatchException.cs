namespace Coffer.Server.Crypto;

/// <summary>
/// Stored data is protected by another root key than the one this server runs with: the server was
/// started with the wrong key (or another replica rotated it). Not a bug in the server, so it is
/// answered with its message, which names both keys' ids and nothing secret.
/// </summary>
public sealed class RootKeyMismatchException(string message) : Exception(message);
