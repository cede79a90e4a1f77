namespace Coffer.LoadServer;

/// <summary>
/// <c>PUT /bench/static</c> stores a body; <c>GET /bench/static</c> answers it as JSON, with no
/// storage, evaluation or decryption, written the way session reads are: the floor a session read
/// is compared with. <c>GET /bench/memory</c> tells how much of the process is the GC heap.
/// </summary>
internal static class StaticEndpoint
{
    private const int MaxBytes = 1024 * 1024;
    private static byte[] _body = "{}"u8.ToArray();

    public static void Map(WebApplication app)
    {
        app.MapPut("/bench/static", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            if (buffer.Length > MaxBytes)
            {
                return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            }
            Volatile.Write(ref _body, buffer.ToArray());
            return Results.NoContent();
        });
        // Where the memory is: the GC heap (and what it has committed) against the whole process.
        app.MapGet("/bench/memory", () =>
        {
            var info = GC.GetGCMemoryInfo();
            using var process = System.Diagnostics.Process.GetCurrentProcess();
            return Results.Ok(new
            {
                workingSetMb = process.WorkingSet64 >> 20,
                gcHeapMb = info.HeapSizeBytes >> 20,
                gcCommittedMb = info.TotalCommittedBytes >> 20,
                gcServer = System.Runtime.GCSettings.IsServerGC,
                allocatedMb = GC.GetTotalAllocatedBytes() >> 20,
                allocatedBytes = GC.GetTotalAllocatedBytes(precise: true),
                gen0Collections = GC.CollectionCount(0),
                gen2Collections = GC.CollectionCount(2),
            });
        });
        app.MapGet("/bench/static", (HttpContext context) =>
        {
            var body = Volatile.Read(ref _body);
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = body.Length;
            return context.Response.Body.WriteAsync(body).AsTask();
        });
    }
}
