using Coffer.Server.Passwords;

namespace Coffer.Server.Tests.Hosting;

/// <summary>The stored form of passwords (<see cref="PasswordHash"/>).</summary>
public sealed class PasswordHashTests
{
    [Fact]
    public void A_hash_verifies_its_password_and_no_other()
    {
        var hash = PasswordHash.Create("correct horse battery staple");

        Assert.True(PasswordHash.Verify("correct horse battery staple", hash));
        Assert.False(PasswordHash.Verify("correct horse battery stapl", hash));
        Assert.False(PasswordHash.Verify("", hash));
        Assert.False(PasswordHash.NeedsUpgrade(hash));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plaintext")]
    [InlineData("pbkdf2-sha256$600000$AAAAAAAAAAAAAAAAAAAAAA==")]
    [InlineData("pbkdf2-sha1$600000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$-5$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$2000000000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$600000$not base64!$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("pbkdf2-sha256$600000$AAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public void An_unreadable_or_tampered_hash_verifies_nothing_and_needs_an_upgrade(string stored)
    {
        Assert.False(PasswordHash.Verify("anything", stored));
        Assert.True(PasswordHash.NeedsUpgrade(stored));
    }

    [Fact]
    public void The_decoy_never_verifies()
    {
        Assert.False(PasswordHash.Verify("", PasswordHash.Decoy()));
        Assert.False(PasswordHash.NeedsUpgrade(PasswordHash.Decoy()));
    }
}
