using Coffer.Server.Audit;

namespace Coffer.Server.Tests.Audit;

/// <summary>
/// The canonical form behind each audit hash is a stored format: chains written by an earlier
/// version must still verify. These vectors were computed by the first implementation.
/// </summary>
public sealed class AuditHashTests
{
    private static readonly AuditEvent Event = new(
        DateTimeOffset.FromUnixTimeMilliseconds(1_796_000_000_123), "org-1", "alice", "tok-9", "203.0.113.7", "coffer/1.0 ünïcode",
        "environment.open", "payments", "prod", 12, AuditOutcomes.Success, """{"duration":"2h"}""");

    [Fact]
    public void The_hash_of_a_record_is_unchanged_across_versions()
    {
        Assert.Equal("47cec7b84ef3e1568f4c87f8016c7eaf8160d928a2a8196ec60e6f6c030a55d1", AuditHash.Compute(42, Event, AuditHash.Genesis));
        Assert.Equal("69896181f44b4b1d8503669d27f68f6cb0e39be89a05293657dfd79f2f6819ce", AuditHash.Compute(43, Event with { Revision = null, Project = "", Environment = "" }, new string('a', 64)));
    }

    [Fact]
    public void A_field_longer_than_any_buffer_is_hashed_whole()
    {
        var details = new string('x', 100_000);
        var hash = AuditHash.Compute(1, Event with { Details = details }, AuditHash.Genesis);
        Assert.NotEqual(hash, AuditHash.Compute(1, Event with { Details = details + "x" }, AuditHash.Genesis));
        Assert.Equal("c8332bf8d0130a2c5bfd2cd869daccb61532bb735393f258baf1fd081b5cb427", hash);
    }
}
