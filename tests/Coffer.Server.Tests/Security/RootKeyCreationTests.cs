using Coffer.Server.Crypto;
using Coffer.Server.Tests.Support;

namespace Coffer.Server.Tests.Security;

/// <summary>
/// The root key is created once. Servers starting together on a new data directory (two processes on
/// one SQLite database, or replicas sharing a volume) must end up with the one key that is on disk:
/// a server that kept a key of its own would wrap data keys that nothing can unwrap after a restart.
/// </summary>
public sealed class RootKeyCreationTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Servers_starting_together_on_a_new_data_directory_share_the_key_on_disk()
    {
        for (var round = 0; round < 25; round++)
        {
            var dataDirectory = _folder.NewSubfolder();
            Directory.CreateDirectory(dataDirectory);
            using var together = new Barrier(4);
            var loading = Enumerable.Range(0, 4).Select(_ => Task.Factory.StartNew(() =>
            {
                together.SignalAndWait();
                var key = RootKey.Load(dataDirectory, out var created);
                return (key.Id, created);
            }, TaskCreationOptions.LongRunning)).ToList();

            var loaded = await Task.WhenAll(loading);

            var onDisk = RootKey.Load(dataDirectory, out _).Id;
            Assert.All(loaded, l => Assert.Equal(onDisk, l.Id));
            Assert.Single(loaded, l => l.created);
            Assert.Equal(DataFiles.OwnerOnlyFile, DataFiles.ModeOf(Path.Combine(dataDirectory, RootKey.FileName)));
        }
    }
}
