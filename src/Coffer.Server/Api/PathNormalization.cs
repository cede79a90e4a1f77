namespace Coffer.Server.Api;

/// <summary>
/// Collapses repeated slashes in the request path before routing. The ESC SDKs read one property of
/// an open session at <c>…/open//{id}</c> (two slashes), which routing would not match otherwise.
/// </summary>
public sealed class PathNormalization(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value;
        if (path is not null && path.Contains("//", StringComparison.Ordinal))
        {
            while (path.Contains("//", StringComparison.Ordinal))
            {
                path = path.Replace("//", "/", StringComparison.Ordinal);
            }
            context.Request.Path = new PathString(path);
        }
        return next(context);
    }
}
