using System.Runtime.Versioning;

// The CLI's process handling (signals, file modes, PATH lookup) is POSIX; so are its tests.
[assembly: SupportedOSPlatform("linux")]
[assembly: SupportedOSPlatform("macos")]
