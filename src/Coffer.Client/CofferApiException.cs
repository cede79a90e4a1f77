using System.Net;
using Coffer.Client.Models;

namespace Coffer.Client;

/// <summary>
/// The server answered a request with an error: its HTTP status, its message and, when a
/// definition was refused, the diagnostics that say why.
/// </summary>
public sealed class CofferApiException : Exception
{
    /// <summary>Creates the exception for an error response.</summary>
    public CofferApiException(HttpStatusCode statusCode, string message, IReadOnlyList<Diagnostic>? diagnostics = null)
        : base(message)
    {
        StatusCode = statusCode;
        Diagnostics = diagnostics ?? [];
    }

    /// <summary>Creates the exception with a message only (status 0).</summary>
    public CofferApiException(string message)
        : this(0, message)
    {
    }

    /// <summary>Creates the exception with a message and the failure that caused it (status 0).</summary>
    public CofferApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Diagnostics = [];
    }

    /// <summary>Creates the exception without details (status 0).</summary>
    public CofferApiException()
        : this(0, "the Coffer server refused the request")
    {
    }

    /// <summary>The HTTP status of the response.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Problems of a definition the server refused to store, check or open; empty otherwise.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }
}
