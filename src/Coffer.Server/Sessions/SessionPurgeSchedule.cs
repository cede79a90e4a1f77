namespace Coffer.Server.Sessions;

/// <summary>
/// How often expired open sessions are deleted. Reads refuse a session as soon as it expires, so
/// this only bounds how long its ciphertext stays in the database; a service registered before the
/// server is built can replace it.
/// </summary>
public sealed record SessionPurgeSchedule(TimeSpan Interval)
{
    public static readonly SessionPurgeSchedule Default = new(TimeSpan.FromMinutes(1));
}
