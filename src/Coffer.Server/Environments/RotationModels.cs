using System.Text.Json.Serialization;

namespace Coffer.Server.Environments;

// The JSON shapes of POST …/rotate. The esc CLI sends "Paths" with a capital P; bodies are read case-insensitively.

public sealed record RotateRequest(IReadOnlyList<string>? Paths);

public sealed record RotateResponse(SecretRotationEvent SecretRotationEvent);

/// <summary>One rotation of an environment: which revision it started from and wrote, and how each rotator fared.</summary>
public sealed record SecretRotationEvent(
    string Id,
    string EnvironmentId,
    string Created,
    int PreRotationRevision,
    int? PostRotationRevision,
    [property: JsonPropertyName("userID")] string UserId,
    string? Completed,
    string Status,
    string? ErrorMessage,
    IReadOnlyList<SecretRotation> Rotations);

/// <summary>One <c>fn::rotate</c> call: its path under <c>values</c>, and the reason when it failed.</summary>
public sealed record SecretRotation(string Id, string EnvironmentPath, string Status, string? ErrorMessage);

/// <summary>The statuses the esc CLI and SDKs know.</summary>
public static class RotationStatus
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
}
