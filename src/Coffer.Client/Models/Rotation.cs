namespace Coffer.Client.Models;

/// <summary>The outcome of rotating an environment's <c>fn::rotate</c> secrets.</summary>
/// <param name="Id">The rotation's id.</param>
/// <param name="EnvironmentId">The environment's id.</param>
/// <param name="Created">When the rotation started.</param>
/// <param name="PreRotationRevision">The revision the rotation started from.</param>
/// <param name="PostRotationRevision">The revision holding the new state; null when nothing was written.</param>
/// <param name="UserId">Who rotated (login).</param>
/// <param name="Completed">When the rotation ended.</param>
/// <param name="Status"><c>succeeded</c> or <c>failed</c> (at least one rotator failed).</param>
/// <param name="ErrorMessage">Why the rotation failed, when it did.</param>
/// <param name="Rotations">Each rotator's outcome.</param>
public sealed record RotationEvent(
    string Id,
    string? EnvironmentId,
    DateTimeOffset? Created,
    int PreRotationRevision,
    int? PostRotationRevision,
    string? UserId,
    DateTimeOffset? Completed,
    string Status,
    string? ErrorMessage,
    IReadOnlyList<SecretRotation>? Rotations);

/// <summary>One rotator's outcome.</summary>
/// <param name="Id">The id of this rotation.</param>
/// <param name="EnvironmentPath">Where the rotator is, relative to <c>values</c>.</param>
/// <param name="Status"><c>succeeded</c> or <c>failed</c>.</param>
/// <param name="ErrorMessage">Why it failed, when it did.</param>
public sealed record SecretRotation(string Id, string EnvironmentPath, string Status, string? ErrorMessage)
{
    /// <summary>True when the rotator produced new state.</summary>
    public bool Succeeded => Status == "succeeded";
}

/// <summary>The body of the rotate response.</summary>
/// <param name="SecretRotationEvent">The rotation.</param>
public sealed record RotateResponse(RotationEvent SecretRotationEvent);

/// <summary>The body of a rotate request.</summary>
/// <param name="Paths">The rotators to rotate, relative to <c>values</c>; all of them when empty.</param>
public sealed record RotateRequest(IReadOnlyList<string> Paths);
