namespace Coffer.Providers.Http;

/// <summary>A remote call got no usable answer; the message says why without any request content.</summary>
internal sealed class RemoteCallException : Exception
{
    public RemoteCallException(string message)
        : base(message)
    {
    }

    public RemoteCallException()
    {
    }

    public RemoteCallException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
