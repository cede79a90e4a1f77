using System.Runtime.InteropServices;
using Coffer.Server.Hosting;

namespace Coffer.Server.Tests.Hosting;

public sealed class NativeMemoryTrimmerTests
{
    private const int ChunkBytes = 64 * 1024;
    private const int Chunks = 1024;

    [Fact]
    public void Trimming_gives_memory_freed_in_the_middle_of_the_C_heap_back()
    {
        // The server and CI run on Linux with glibc; elsewhere the trimmer does nothing by design.
        Assert.True(OperatingSystem.IsLinux(), "this test needs Linux with glibc, as the server's supported platform");
        var chunks = new nint[Chunks];
        for (var i = 0; i < Chunks; i++)
        {
            // Below glibc's mmap threshold, so the chunks come from an arena; written, so resident.
            chunks[i] = Marshal.AllocHGlobal(ChunkBytes);
            for (var offset = 0; offset < ChunkBytes; offset += 4096)
            {
                Marshal.WriteByte(chunks[i], offset, 0x5A);
            }
        }
        // Keep every sixteenth chunk, so that free() cannot shrink the heap from its top on its own.
        for (var i = 0; i < Chunks; i++)
        {
            if (i % 16 != 0)
            {
                Marshal.FreeHGlobal(chunks[i]);
            }
        }
        var before = ResidentBytes();

        Assert.True(NativeMemoryTrimmer.TryTrim());
        var after = ResidentBytes();

        for (var i = 0; i < Chunks; i += 16)
        {
            Marshal.FreeHGlobal(chunks[i]);
        }
        // About 60 MB were freed; allow for other tests allocating meanwhile.
        Assert.True(before - after > 32L * 1024 * 1024, $"resident memory went from {before >> 20} MB to {after >> 20} MB");
    }

    private static long ResidentBytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0]) * 1024;
    }
}
