using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Coffer.Server.Crypto;

/// <summary>
/// The key-encryption key: it wraps every environment's data key and nothing else. It comes from
/// <c>COFFER_ROOT_KEY</c> (base64) or the file <c>&lt;data-dir&gt;/root.key</c>, created with mode 0600 on
/// first start. Its <see cref="Id"/> (derived from the key) is stored with each wrapped data key, so a
/// server started with the wrong key says so instead of failing obscurely.
/// </summary>
public sealed class RootKey
{
    public const int KeySize = 32;
    public const string EnvironmentVariable = "COFFER_ROOT_KEY";
    public const string FileName = "root.key";

    private readonly byte[] _key;

    private RootKey(byte[] key)
    {
        if (key.Length != KeySize)
        {
            throw new InvalidOperationException($"a root key must be {KeySize} bytes (base64-encoded), not {key.Length}");
        }
        _key = key;
        Id = BinaryPrimitives.ReadInt32BigEndian(SHA256.HashData(key));
    }

    /// <summary>A short identifier of the key (not secret).</summary>
    public int Id { get; }

    public static RootKey Generate() => new(RandomNumberGenerator.GetBytes(KeySize));

    public static RootKey FromBase64(string text)
    {
        try
        {
            return new RootKey(Convert.FromBase64String(text.Trim()));
        }
        catch (FormatException)
        {
            throw new InvalidOperationException("the root key is not valid base64");
        }
    }

    /// <summary>
    /// The key from the environment variable, else from the data directory; creates the file (mode
    /// 0600) when neither exists. <paramref name="created"/> tells whether a new key was made.
    /// </summary>
    public static RootKey Load(string dataDirectory, out bool created)
    {
        created = false;
        if (LoadExisting(dataDirectory) is { } existing)
        {
            return existing;
        }
        var path = Path.Combine(dataDirectory, FileName);
        var key = Generate();
        if (key.TryCreateFile(path))
        {
            created = true;
            return key;
        }
        // Another server starting on the same new data directory created it first: theirs is the key.
        return ReadWhenWritten(path);
    }

    /// <summary>The key from the environment variable, else from the data directory; null when there is neither.</summary>
    public static RootKey? LoadExisting(string dataDirectory)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return FromBase64(fromEnvironment);
        }
        var path = Path.Combine(dataDirectory, FileName);
        return File.Exists(path) ? ReadWhenWritten(path) : null;
    }

    /// <summary>
    /// Creates the key file if no file is there (atomically: of servers racing, exactly one creates it),
    /// readable only by its owner. It stays locked until written, so nobody reads half a key.
    /// </summary>
    private bool TryCreateFile(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        try
        {
            using var stream = new FileStream(path, options);
            stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(_key) + "\n"));
            stream.Flush(flushToDisk: true);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
    }

    // A file being created is locked, or for an instant empty, until its creator has written it.
    private static RootKey ReadWhenWritten(string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                if (File.ReadAllText(path) is var text && !string.IsNullOrWhiteSpace(text))
                {
                    return FromBase64(text);
                }
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
            }
            if (DateTime.UtcNow >= deadline)
            {
                throw new InvalidOperationException($"{path} is empty: a start that was creating it stopped before writing it; delete it if no data was written since");
            }
            Thread.Sleep(10);
        }
    }

    /// <summary>Writes the key to a new file readable only by its owner, replacing it atomically.</summary>
    public void WriteTo(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        PrivateFile.Write(temporary, Convert.ToBase64String(_key) + "\n");
        File.Move(temporary, path, overwrite: true);
    }

    public byte[] Wrap(ReadOnlySpan<byte> dataKey, string environmentId) => AesGcmBox.Seal(_key, dataKey, DataKeyAssociatedData(environmentId));

    public byte[] Unwrap(ReadOnlySpan<byte> wrapped, string environmentId) => AesGcmBox.Open(_key, wrapped, DataKeyAssociatedData(environmentId));

    private static string DataKeyAssociatedData(string environmentId) => "coffer/data-key/v1:" + environmentId;
}
